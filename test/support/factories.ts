/** Test data made through the portal's own services: defaults plus overrides, each test its own rows. */
import { randomUUID } from 'node:crypto';
import { caseKeys } from '../../src/features/cases/keys.ts';
import { takeReceipt } from '../../src/features/cases/citizen.ts';
import { submitCase, type NewCase } from '../../src/features/cases/submission.ts';
import { testConfig } from './app.ts';
import { testDatabase } from './database.ts';
import { testJobs } from './jobs.ts';

let counter = 0;

export async function createCase(
  overrides: Partial<NewCase> & { email?: string } = {},
): Promise<{ caseId: number; reference: string; code: string; email: string }> {
  counter++;
  const config = testConfig();
  const { knex } = testDatabase();
  const keys = caseKeys(config.dataEncryptionKey);
  const email = overrides.email ?? `citizen${counter}.${Date.now()}@example.kg`;
  const token = randomUUID();
  const submitted = await submitCase(
    { knex, jobs: (await testJobs()).queue, keys, deadlines: config.deadlines },
    {
      type: 'complaint',
      submissionToken: token,
      language: 'en',
      organisationName: `Factory Org ${counter}`,
      organisationInn: null,
      sector: 'banking',
      anonymous: false,
      answers: { whatHappened: { description: 'Factory case.' } },
      parties: [
        {
          role: 'complainant',
          full_name: `Factory Citizen ${counter}`,
          email,
          postal_address: null,
          phone: null,
          position: null,
          preferred_language: 'en',
          identity_may_be_shared: true,
        },
      ],
      acknowledgeTo: email,
      followUpOf: null,
      requestId: null,
      ...overrides,
    },
  );
  const receipt = await takeReceipt({ knex, keys }, token);
  if (!receipt?.code) throw new Error('no receipt');
  return { caseId: submitted.caseId, reference: submitted.reference, code: receipt.code, email };
}
