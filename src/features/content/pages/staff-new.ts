/** /staff/content/new: a new rights article, guide or FAQ answer, started as a draft in one language. */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { LANGUAGES } from '../../../config.ts';
import { LANGUAGE_NAMES } from '../../../http/language.ts';
import { requestId } from '../../../http/logging.ts';
import { pathTo } from '../../../http/paths.ts';
import { validate, type FieldError, type FormErrors } from '../../../http/validation.ts';
import { currentStaff } from '../../staff/auth.ts';
import { createItem } from '../editing.ts';
import { MAX_MARKDOWN, newItemForm, PLACEMENTS } from '../schemas.ts';

const KIND_KEYS = { rights: 'editorial.kinds.rights', guides: 'editorial.kinds.guides', faq: 'editorial.kinds.faq' } as const;

function render(res: Response, status: number, values: Record<string, unknown>, errors?: FormErrors): void {
  const { t } = res.locals;
  res.status(status).render('staff/content/new', {
    layout: 'staff',
    title: t('editorial.new.title'),
    values,
    errors,
    maxMarkdown: MAX_MARKDOWN,
    placements: PLACEMENTS.map(({ kind, topic, value }) => ({
      value,
      label: `${t(KIND_KEYS[kind])} — ${t(kind === 'faq' ? `content.faqTopics.${topic}` : `content.topics.${topic}.title`)}`,
    })),
    languages: LANGUAGES.map((lang) => ({ value: lang, label: LANGUAGE_NAMES[lang] })),
  });
}

export function staffNewPage() {
  return (_req: Request, res: Response): void => render(res, 200, { lang: res.locals.lang });
}

export function staffNewPost({ knex }: { knex: Knex }) {
  return async (req: Request, res: Response): Promise<void> => {
    const values = req.body as Record<string, unknown>;
    const parsed = validate(newItemForm, req.body);
    if (!parsed.ok) return render(res, 400, values, parsed.errors);
    const user = currentStaff(res);
    const created = await createItem(knex, parsed.data, { id: user.id, role: user.role, requestId: requestId(req) });
    if (created.kind === 'taken') {
      const error: FieldError = { field: 'slug', key: 'editorial.errors.slugTaken', values: {} };
      return render(res, 400, values, { list: [error], byField: { slug: error } });
    }
    res.redirect(303, `${pathTo('staff.content.edit', { id: created.itemId, lang: parsed.data.lang })}?saved=1`);
  };
}
