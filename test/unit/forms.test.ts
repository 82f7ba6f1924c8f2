import path from 'node:path';
import { expect } from 'chai';
import { z } from 'zod';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { formErrors, validate } from '../../src/http/validation.ts';
import { createViewEngine } from '../../src/http/views.ts';

const fixture = path.join(import.meta.dirname, '..', 'support', 'fixtures', 'fields.hbs');

const schema = z.object({
  fullName: z.string().trim().min(1, 'validation.required').max(10),
  description: z.string().trim().max(5),
  answered: z.enum(['yes', 'no']),
  rights: z.array(z.string()).min(1, 'validation.choose'),
  email: z.email(),
});

describe('form validation → error summary', () => {
  it('keeps key messages, gives generic keys to zod defaults, and carries limits', () => {
    const result = validate(schema, { fullName: '  ', description: 'too long', rights: [], email: 'nope' });
    expect(result.ok).to.be.false;
    if (result.ok) return;
    const byField = result.errors.byField;
    expect(byField.fullName?.key).to.equal('validation.required');
    expect(byField.description).to.deep.include({ key: 'validation.tooLong', values: { max: 5, count: 5 } });
    expect(byField.answered?.key).to.equal('validation.choose');
    expect(byField.rights?.key).to.equal('validation.choose');
    expect(byField.email?.key).to.equal('validation.email');
    expect(result.errors.list.map((error) => error.field)).to.deep.equal(['fullName', 'description', 'answered', 'rights', 'email']);
  });

  it('reports only the first problem of each field', () => {
    const errors = formErrors(schema.safeParse({ fullName: 'x'.repeat(20), description: '', answered: 'yes', rights: ['a'], email: 'a@b.kg' }).error!.issues);
    expect(errors.list).to.have.length(1);
    expect(errors.byField.fullName?.key).to.equal('validation.tooLong');
  });

  it('returns the parsed, trimmed data when valid', () => {
    const result = validate(schema, { fullName: ' Aida ', description: 'ok', answered: 'no', rights: ['access'], email: 'a@b.kg' });
    expect(result).to.deep.equal({ ok: true, data: { fullName: 'Aida', description: 'ok', answered: 'no', rights: ['access'], email: 'a@b.kg' } });
  });
});

describe('form field partials', () => {
  const engine = createViewEngine();
  const answerItems = [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No' },
  ];
  const officerItems = [
    { value: 2, label: 'Aida <Supervisor>' },
    { value: 12, label: 'Bakyt "B." Osmonov' },
    { value: 'none', label: 'Nobody' },
  ];
  const rightItems = [
    { value: 'access', label: 'Access' },
    { value: 'correction', label: 'Correction', hint: 'Fix wrong data' },
  ];

  async function render(lang: 'en' | 'ru', values: Record<string, unknown>, errors?: ReturnType<typeof formErrors>): Promise<string> {
    const t = createTranslator({ strict: true }).forLanguage(lang);
    return engine.render(fixture, { lang, t, values, errors, answerItems, rightItems, officerItems });
  }

  it('without errors: labelled inputs, kept values, no error markup', async () => {
    const html = await render('en', {
      fullName: 'Aida <Tolonova>',
      answered: 'no',
      rights: ['correction'],
      requestDate: { day: '3', month: '11', year: '2026' },
    });
    expect(html).to.include('<label class="label" for="fullName">Full name</label>');
    expect(html).to.include('value="Aida &lt;Tolonova&gt;"');
    expect(html).to.match(/id="answered-no" name="answered" value="no" checked/);
    expect(html).to.match(/id="rights-correction" name="rights" value="correction" checked/);
    expect(html).to.include('name="requestDate-year" type="text" inputmode="numeric" value="2026"');
    expect(html).to.include('aria-describedby="fullName-hint"');
    expect(html).not.to.include('error-summary');
    expect(html).not.to.include('aria-invalid');
  });

  it('a single ticked box (posted as a string, not a list) stays ticked, and multi-line text keeps its lines', async () => {
    const html = await render('en', { rights: 'correction', description: 'first line\nsecond line' });
    expect(html).to.match(/id="rights-correction" name="rights" value="correction" checked/);
    expect(html).not.to.match(/value="access" checked/);
    expect(html).to.include('>first line\nsecond line</textarea>');
  });

  it('a drop-down keeps the choice posted as text for a value given as a number, and escapes every label', async () => {
    const html = await render('en', { officer: '2' });
    expect(html).to.include('<option value="">Choose an officer</option>');
    expect(html).to.include('<option value="2" selected>Aida &lt;Supervisor&gt;</option>');
    expect(html).to.include('<option value="12">Bakyt &quot;B.&quot; Osmonov</option>');
    expect(html.match(/ selected>/g)).to.have.length(1);
    expect(await render('en', {})).not.to.include(' selected>');
  });

  it('with errors: a summary linking to each field, and the message at the field in the page language', async () => {
    const result = validate(schema, { fullName: '', description: 'too long', rights: [], email: 'a@b.kg' });
    if (result.ok) throw new Error('expected errors');
    const html = await render('ru', { description: 'too long' }, result.errors);
    expect(html).to.include('Есть проблема');
    expect(html).to.include('<a href="#fullName">Заполните это поле</a>');
    expect(html).to.include('<a href="#answered">Выберите один из вариантов</a>');
    expect(html).to.include('<p class="error-message" id="fullName-error"><span class="visually-hidden">Ошибка:</span> Заполните это поле</p>');
    expect(html).to.include('aria-describedby="fullName-hint fullName-error" aria-invalid="true"');
    expect(html).to.include('Введите не более 5 символов');
    // The first radio carries the field's id, so the summary link lands on it.
    expect(html).to.match(/id="answered" name="answered" value="yes"/);
    expect(html).to.include('>too long</textarea>');
  });
});
