import { z } from 'zod';

/** A step of the guide in its address: lower-case words joined by hyphens. */
export const stepParams = z.object({
  step: z
    .string()
    .regex(/^[a-z]+(-[a-z]+)*$/)
    .max(40),
});
