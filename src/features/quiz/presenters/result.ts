/** The marked quiz: the score, and for each question the answer given, the right one and where to read more. */
import type { Language } from '../../../config.ts';
import { pathTo } from '../../../http/paths.ts';
import type { Translate } from '../../../i18n/i18n.ts';
import type { MarkedAnswer } from '../service.ts';
import { quizTrail } from './form.ts';

interface QuizAnswerView {
  questionText: string;
  right: boolean;
  givenLabel: string;
  correctLabel: string;
  explanation: string;
  /** Sanitised when it was saved. */
  moreHtml: string;
  articleHref: string | undefined;
  otherLang: Language | undefined;
}

export interface QuizResultView {
  title: string;
  score: number;
  total: number;
  perfect: boolean;
  answers: QuizAnswerView[];
  breadcrumbs: { text: string; href?: string }[];
}

export function presentQuizResult(marked: { score: number; total: number; answers: readonly MarkedAnswer[] }, lang: Language, t: Translate): QuizResultView {
  return {
    title: t('quiz.resultTitle'),
    score: marked.score,
    total: marked.total,
    perfect: marked.score === marked.total,
    answers: marked.answers.map(({ question, right, givenLabel, correctLabel }) => ({
      questionText: question.text,
      right,
      givenLabel,
      correctLabel,
      explanation: question.explanation,
      moreHtml: question.moreHtml,
      articleHref: question.article && pathTo(question.article.kind === 'guides' ? 'content.guide' : 'content.right', { lang, slug: question.article.slug }),
      otherLang: question.lang === lang ? undefined : question.lang,
    })),
    breadcrumbs: quizTrail(lang, t),
  };
}
