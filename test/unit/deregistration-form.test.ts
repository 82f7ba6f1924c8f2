import { expect } from 'chai';
import { formErrors } from '../../src/http/validation.ts';
import { collectDateParts } from '../../src/http/date-fields.ts';
import { deregistersOf, deregistrationDate, deregistrationSchema } from '../../src/features/intake/deregistration-form.ts';
import { presentTransitionForms } from '../../src/features/casework/presenters/transition-forms.ts';
import { REGISTRATION_TRANSITIONS } from '../../src/features/cases/registration-workflow.ts';
import { eventLabelKey } from '../../src/features/casework/timeline.ts';

const OWN_INN = '01503200910123';
const schema = deregistrationSchema(OWN_INN, () => '2026-12-06');

function parse(fields: Record<string, string>) {
  const result = schema.safeParse(collectDateParts(fields, ['stoppedOn']));
  return result.success ? { data: result.data } : { errors: formErrors(result.error.issues).byField };
}

const DATE = { 'stoppedOn-day': '6', 'stoppedOn-month': '12', 'stoppedOn-year': '2026', declaration: 'yes' };

describe('the request to remove a register entry', () => {
  it('keeps only what its reason asks for, the ИНН as digits and the date as ISO', () => {
    expect(parse({ ...DATE, reason: 'merged', mergedInn: '0210 3199 5100-12', otherText: 'dropped' }).data).to.deep.equal({
      reason: 'merged',
      mergedInn: '02103199510012',
      otherText: '',
      stoppedOn: '2026-12-06',
      declaration: 'yes',
    });
    expect(parse({ ...DATE, reason: 'other', mergedInn: '02103199510012', otherText: 'Sold the business' }).data).to.include({
      mergedInn: '',
      otherText: 'Sold the business',
    });
  });

  it('says every problem at once, each under its field', () => {
    const { errors } = parse({ reason: 'other', 'stoppedOn-day': '7', 'stoppedOn-month': '12', 'stoppedOn-year': '2026' });
    expect(Object.fromEntries(Object.entries(errors ?? {}).map(([field, error]) => [field, error.key]))).to.deep.equal({
      stoppedOn: 'track.deregister.errors.stoppedOnFuture',
      declaration: 'track.deregister.errors.declaration',
      otherText: 'track.deregister.errors.otherText',
    });
    expect(parse({ ...DATE }).errors?.reason?.key).to.equal('track.deregister.errors.reason');
    expect(parse({ ...DATE, reason: 'merged' }).errors?.mergedInn?.key).to.equal('track.deregister.errors.mergedInn');
    expect(parse({ ...DATE, reason: 'merged', mergedInn: OWN_INN }).errors?.mergedInn?.key).to.equal('track.deregister.errors.mergedInnOwn');
    expect(parse({ ...DATE, reason: 'merged', mergedInn: '92103199510012' }).errors?.mergedInn?.key).to.equal('track.deregister.errors.mergedInnCheck');
    expect(parse({ ...DATE, reason: 'other', otherText: 'x'.repeat(2001) }).errors?.otherText?.key).to.equal('validation.tooLong');
  });

  it('is read back from a stored case, and anything else is no request', () => {
    const answers = { deregisters: { organisationId: 4, registrationNumber: '2026-00004', inn: OWN_INN }, deregistration: { stoppedOn: '2026-11-30' } };
    expect(deregistersOf(answers)).to.deep.equal({ organisationId: 4, registrationNumber: '2026-00004', inn: OWN_INN });
    expect(deregistrationDate(answers)).to.equal('2026-11-30');
    expect(deregistersOf({ amends: answers.deregisters })).to.equal(undefined);
    expect(deregistrationDate({ deregistration: { stoppedOn: 'soon' } })).to.equal(undefined);
  });

  it('names the approval for what it does, on the staff page and in both timelines', () => {
    const t = (key: string) => key;
    const [approve] = presentTransitionForms(
      t,
      REGISTRATION_TRANSITIONS.filter((transition) => transition.publishes),
      undefined,
      true,
    );
    expect(approve).to.include({ id: 'register_entry', button: 'casework.deregistration.approve.button' });
    const [plain] = presentTransitionForms(
      t,
      REGISTRATION_TRANSITIONS.filter((transition) => transition.publishes),
      undefined,
    );
    expect(plain?.button).to.equal('casework.transitions.register_entry.button');
    const event = { kind: 'status_changed', to_status: 'registered', data: { transition: 'register_entry', deregistered: true } };
    expect(eventLabelKey(event, 'track')).to.equal('track.events.deregistered');
    expect(eventLabelKey(event, 'casework')).to.equal('casework.events.deregistered');
  });
});
