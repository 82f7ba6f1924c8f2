import { z } from 'zod';

export const signInForm = z.object({
  reference: z.string({ error: 'track.errors.reference' }).trim().min(1, 'track.errors.reference').max(40),
  accessCode: z.string({ error: 'track.errors.accessCode' }).trim().min(1, 'track.errors.accessCode').max(80),
});

export const lostCodeForm = z.object({
  reference: z.string({ error: 'track.errors.reference' }).trim().min(1, 'track.errors.reference').max(40),
  email: z.email({ error: 'validation.email' }).max(254),
});

export const messageForm = z.object({
  body: z.string().trim().max(5000).default(''),
});

export const fileParams = z.object({ id: z.uuid() });
export const resetParams = z.object({ token: z.string().regex(/^[\w-]{40,60}$/) });
