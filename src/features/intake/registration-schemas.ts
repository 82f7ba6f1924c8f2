/**
 * The register application's answers as zod schemas per step (the journey itself: registration.ts). The ИНН is
 * kept as its 14 digits; countries are kept as typed and must all be countries of the list.
 */
import { z } from 'zod';
import { innProblem, normaliseInn } from '../register/inn.ts';
import { parseCountries, REGIONS, SECTORS } from '../register/reference-data.ts';
import { choice, optionalEmail, optionalPhone, optionalText, requiredText, YES_NO } from './fields.ts';
import type { Answers } from './journey.ts';

/** How many arrays one application may list (more go in a second application). */
export const MAX_ARRAYS = 5;
export const ARRAY_STEPS = Array.from({ length: MAX_ARRAYS }, (_, index) => `array-${String(index + 1)}`);

const INN_KEYS = {
  length: 'intake.registration.errors.innLength',
  digits: 'intake.registration.errors.innDigits',
  check: 'intake.registration.errors.innCheck',
};

const inn = z.preprocess(
  (value) => (typeof value === 'string' ? normaliseInn(value) : ''),
  z
    .string()
    .min(1, 'intake.registration.errors.inn')
    .superRefine((value, ctx) => {
      const problem = innProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: INN_KEYS[problem] });
    }),
);

export const organisation = z.object({
  inn,
  nameKy: requiredText(300, 'intake.registration.errors.nameKy'),
  nameRu: requiredText(300, 'intake.registration.errors.nameRu'),
  nameEn: optionalText(300),
  sector: choice(SECTORS, 'intake.registration.errors.sector'),
  region: choice(REGIONS, 'intake.registration.errors.region'),
  address: requiredText(500, 'intake.registration.errors.address'),
});

export const responsible = z.object({
  responsiblePerson: requiredText(200, 'intake.registration.errors.responsiblePerson'),
  position: optionalText(150),
  contactEmail: optionalEmail.refine((value) => value !== '', 'intake.registration.errors.contactEmail'),
  contactPhone: optionalPhone,
  contactAddress: optionalText(500),
});

const longText = (key: string) => requiredText(3000, key);

const arrayFields = {
  name: requiredText(300, 'intake.registration.errors.arrayName'),
  purposes: longText('intake.registration.errors.purposes'),
  methods: longText('intake.registration.errors.methods'),
  legalBasis: longText('intake.registration.errors.legalBasis'),
  dataCategories: longText('intake.registration.errors.dataCategories'),
  subjectCategories: longText('intake.registration.errors.subjectCategories'),
  sources: longText('intake.registration.errors.sources'),
  subjectsInformed: longText('intake.registration.errors.subjectsInformed'),
  retention: longText('intake.registration.errors.retention'),
  recipients: longText('intake.registration.errors.recipients'),
  transferCountries: optionalText(1000).refine((value) => parseCountries(value).unknown.length === 0, 'intake.registration.errors.country'),
  securityMeasures: longText('intake.registration.errors.securityMeasures'),
};

/** An array's step; its name must differ from the arrays listed before it (the last step asks for no more). */
export function arraySchema(stepId: string) {
  const index = ARRAY_STEPS.indexOf(stepId);
  const base =
    index < MAX_ARRAYS - 1 ? z.object({ ...arrayFields, anotherArray: choice(YES_NO, 'intake.registration.errors.anotherArray') }) : z.object(arrayFields);
  return (answers: Answers) => {
    const earlier = new Set(
      ARRAY_STEPS.slice(0, index).map((id) => {
        const name = answers[id]?.name;
        return typeof name === 'string' ? name.trim().toLowerCase() : '';
      }),
    );
    return base.superRefine((values, ctx) => {
      if (earlier.has(values.name.toLowerCase())) ctx.addIssue({ code: 'custom', path: ['name'], message: 'intake.registration.errors.arrayNameTwice' });
    }) as unknown as z.ZodType<Record<string, unknown>>;
  };
}

export const declarations = z.object({
  accurate: z.literal('yes', { error: 'intake.registration.errors.accurate' }),
  authorised: z.literal('yes', { error: 'intake.registration.errors.authorised' }),
});
