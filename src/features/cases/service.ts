/**
 * What other features (casework, intake, the citizen's case space) use of the case domain's stored data: they
 * reach it here, never through cases/repository.ts. Rules live beside it (citizen.ts, submission.ts,
 * lost-code.ts, workflow.ts, deadlines.ts).
 */
export {
  caseMessages,
  caseParties,
  casesAboutOrganisation,
  relinkOrganisationCases,
  findCaseById,
  findCaseByReference,
  holidaySet,
  insertEvent,
  insertMessage,
  openDeregistration,
} from './repository.ts';
export type { CaseRow, CaseType, MessageRow, PartyRow } from './types.ts';
