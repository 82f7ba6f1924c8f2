/** The quiz presenters: numbered legends, answers and errors per question, marked answers with their article. */
import { expect } from 'chai';
import { presentQuizForm } from '../../src/features/quiz/presenters/form.ts';
import { presentQuizResult } from '../../src/features/quiz/presenters/result.ts';
import { markQuiz, postedAnswers, type QuizQuestion } from '../../src/features/quiz/service.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';

const t = createTranslator({ strict: true }).forLanguage('en');

const QUESTIONS: QuizQuestion[] = [
  {
    id: 'q01',
    number: 1,
    lang: 'en',
    moreHtml: '',
    text: 'May a shop keep a copy of your passport?',
    options: [
      { value: 'a', label: 'Always' },
      { value: 'b', label: 'Only when a law requires it' },
    ],
    correct: 'b',
    explanation: 'Only what is needed.',
    article: { kind: 'rights', slug: 'principles' },
  },
  {
    id: 'q02',
    number: 2,
    lang: 'en',
    moreHtml: '',
    text: 'Can you see what a bank holds about you?',
    options: [
      { value: 'a', label: 'Yes' },
      { value: 'b', label: 'No' },
    ],
    correct: 'a',
    explanation: 'The right of access.',
    article: { kind: 'guides', slug: 'banks' },
  },
];

describe('quiz presenters', () => {
  it('the empty form: each question numbered, nothing chosen, no errors', () => {
    const view = presentQuizForm({ questions: QUESTIONS, values: {} }, 'en', t);
    expect(view.questions[1]).to.deep.equal({
      name: 'q02',
      legend: '2. Can you see what a bank holds about you?',
      items: QUESTIONS[1]!.options,
      value: undefined,
      error: undefined,
      otherLang: undefined,
    });
    expect(view).to.deep.include({ title: t('quiz.title'), errors: undefined, stale: false, fallback: false });
    expect(view.breadcrumbs).to.deep.equal([{ text: t('common.home'), href: '/en/' }, { text: t('quiz.title') }]);
  });

  it('a form with a question left out: the answer given kept, the error on the question left out', () => {
    const outcome = markQuiz(QUESTIONS, { q01: 'b' });
    if (outcome.ok) throw new Error('expected errors');
    const view = presentQuizForm({ questions: QUESTIONS, values: outcome.values, errors: outcome.errors }, 'en', t);
    expect(view.questions.map((question) => question.value)).to.deep.equal(['b', undefined]);
    expect(view.questions[0]!.error).to.equal(undefined);
    expect(view.questions[1]!.error).to.deep.include({ field: 'q02', key: 'quiz.errors.answer' });
    expect(view.errors!.list).to.have.length(1);
  });

  it('a stale form is shown again with the answers it carried', () => {
    const view = presentQuizForm({ questions: QUESTIONS, values: postedAnswers(QUESTIONS, { q01: 'a', q02: ['a', 'b'], other: 'x' }), stale: true }, 'en', t);
    expect(view.stale).to.equal(true);
    expect(view.questions.map((question) => question.value)).to.deep.equal(['a', undefined]);
  });

  it('the result: score, each answer marked, and the article to read in the page language', () => {
    const outcome = markQuiz(QUESTIONS, { q01: 'a', q02: 'a' });
    if (!outcome.ok) throw new Error('expected a marked quiz');
    const view = presentQuizResult(outcome, 'ru', t);
    expect(view).to.deep.include({ score: 1, total: 2, perfect: false });
    expect(view.answers[0]).to.deep.equal({
      questionText: QUESTIONS[0]!.text,
      right: false,
      givenLabel: 'Always',
      correctLabel: 'Only when a law requires it',
      explanation: 'Only what is needed.',
      moreHtml: '',
      articleHref: '/ru/rights/principles',
      // The questions are English here, the page Russian: they are marked as English.
      otherLang: 'en',
    });
    expect(view.answers[1]).to.include({ right: true, articleHref: '/ru/guides/banks' });
  });

  it('a question shown in another language than the page is marked, and the form says some are', () => {
    const view = presentQuizForm({ questions: QUESTIONS, values: {} }, 'ky', t);
    expect(view.fallback).to.equal(true);
    expect(view.questions.map((question) => question.otherLang)).to.deep.equal(['en', 'en']);
  });

  it('a question whose article is no longer published has no link to it', () => {
    const outcome = markQuiz([{ ...QUESTIONS[0]!, article: undefined }], { q01: 'b' });
    if (!outcome.ok) throw new Error('expected a marked quiz');
    expect(presentQuizResult(outcome, 'en', t).answers[0]!.articleHref).to.equal(undefined);
  });
});
