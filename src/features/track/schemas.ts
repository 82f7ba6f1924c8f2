import { z } from 'zod';
import { optionalEmail, optionalPhone } from '../intake/fields.ts';

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

/** The citizen's correction of their own contact details: a name, and an e-mail address and phone number if they give them. */
export const contactForm = z.object({
  fullName: z.string({ error: 'track.contact.errors.fullName' }).trim().min(1, 'track.contact.errors.fullName').max(150, 'track.contact.errors.fullName'),
  email: optionalEmail,
  phone: optionalPhone,
});

export const fileParams = z.object({ id: z.uuid() });
export const resetParams = z.object({ token: z.string().regex(/^[\w-]{40,60}$/) });
