/** The case page: status, decision, timeline, messages with the form to write, files, answers, "your data" (with who at the Agency read the case). */
import type { Request, RequestHandler, Response } from 'express';
import { pathTo } from '../../../http/paths.ts';
import type { FormErrors } from '../../../http/validation.ts';
import type { Language } from '../../../config.ts';
import { staffReadsOfCase } from '../../audit/service.ts';
import { caseSpace, type CaseSpace } from '../../cases/citizen.ts';
import { citizenContact } from '../../cases/contact.ts';
import { CHALLENGE_CONTENT } from '../../casework/service.ts';
import { quoteContent } from '../../content/service.ts';
import { loadCaseAnswers } from '../../intake/case-answers.ts';
import type { TrackDeps } from '../deps.ts';
import { entryById } from '../../register/service.ts';
import { presentCase } from '../presenters/case.ts';
import { presentRegisteredEntry, type RegisteredEntryView } from '../presenters/registered-entry.ts';
import { presentReaders } from '../presenters/readers.ts';
import { megabytes, presentUploadField } from '../presenters/upload-field.ts';

/** The most recent reads of the case by staff the page lists. */
const READERS_SHOWN = 50;
import { endCaseSession, signedInCaseId } from '../session.ts';

/** The message form as it was posted, when it is shown again with its errors. */
interface MessageFormState {
  errors: FormErrors;
  values: Record<string, unknown>;
  stripMetadata: boolean;
}

/** A registration case that put its organisation in the register: the entry, and the way to change it. */
async function registeredEntry(deps: TrackDeps, found: CaseSpace['case'], lang: Language): Promise<RegisteredEntryView | undefined> {
  if (found.type !== 'registration' || !found.organisation_id) return undefined;
  const entry = await entryById(deps.knex, found.organisation_id);
  return entry && presentRegisteredEntry(found, entry, lang);
}

export async function renderCase(deps: TrackDeps, req: Request, res: Response, form?: MessageFormState): Promise<void> {
  const { lang, t } = res.locals;
  const space = await caseSpace(deps.knex, signedInCaseId(req));
  if (!space) {
    await endCaseSession(req);
    res.redirect(303, pathTo('track.signIn', { lang }));
    return;
  }
  const { uploads } = deps.config;
  res.status(form ? 400 : 200).render('track/case', {
    title: t('track.caseTitle', { reference: space.case.reference }),
    case: presentCase(space),
    upload: presentUploadField(uploads, { stripMetadata: form?.stripMetadata ?? true, anonymous: space.case.anonymous }),
    answers: await loadCaseAnswers(deps.knex, space.case, { t, lang }),
    errors: form?.errors,
    values: form?.values ?? {},
    maxFiles: uploads.maxFiles,
    maxMegabytes: megabytes(uploads.maxFileBytes),
    answerDays: deps.config.deadlines.answerWorkingDays,
    challenge: space.decision ? await quoteContent(deps.knex, CHALLENGE_CONTENT.kind, CHALLENGE_CONTENT.slug, lang) : undefined,
    registeredEntry: await registeredEntry(deps, space.case, lang),
    canCorrect: (await citizenContact(deps.knex, space.case.id)) !== undefined,
    corrected: req.query.corrected === '1',
    readers: presentReaders(await staffReadsOfCase(deps.knex, space.case.reference, READERS_SHOWN)),
    readersShown: READERS_SHOWN,
  });
}

export function casePage(deps: TrackDeps): RequestHandler {
  return (req: Request, res: Response) => renderCase(deps, req, res);
}
