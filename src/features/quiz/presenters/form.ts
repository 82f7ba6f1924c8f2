/** The quiz form: each question as a radio group with its number, the answer given and its error. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { FieldError, FormErrors } from '../../../http/validation.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { QuizQuestion } from '../service.ts';

interface QuizFieldView {
  name: string;
  /** "3. Question text". */
  legend: string;
  items: { value: string; label: string }[];
  value: string | undefined;
  error: FieldError | undefined;
  /** The question's language when it is not the page's (its translation is missing or outdated). */
  otherLang: Language | undefined;
}

export interface QuizFormView {
  title: string;
  questions: QuizFieldView[];
  errors: FormErrors | undefined;
  /** Shown again because the form was sent after its page was open too long. */
  stale: boolean;
  /** Some questions are shown in another language. */
  fallback: boolean;
  breadcrumbs: { text: string; href?: string }[];
}

export function quizTrail(lang: Language, t: Translate): { text: string; href?: string }[] {
  return [{ text: t('common.home'), href: pathTo('home', { lang }) }, { text: t('quiz.title') }];
}

export function presentQuizForm(
  form: { questions: readonly QuizQuestion[]; values: Record<string, string>; errors?: FormErrors; stale?: boolean },
  lang: Language,
  t: Translate,
): QuizFormView {
  return {
    title: t('quiz.title'),
    questions: form.questions.map((question) => ({
      name: question.id,
      legend: `${String(question.number)}. ${question.text}`,
      items: question.options,
      value: form.values[question.id],
      error: form.errors?.byField[question.id],
      otherLang: question.lang === lang ? undefined : question.lang,
    })),
    errors: form.errors,
    stale: form.stale ?? false,
    fallback: form.questions.some((question) => question.lang !== lang),
    breadcrumbs: quizTrail(lang, t),
  };
}
