import { expect } from 'chai';
import { anonymise, detect, FINDING_KINDS, type FindingKind } from '../../src/features/publications/anonymise.ts';

const label = (kind: FindingKind): string => kind.toUpperCase();

interface Sample {
  lang: 'ky' | 'ru' | 'en';
  text: string;
  /** What must not survive, and of which kind it is found. */
  personal: [FindingKind, string][];
  /** What must stay as written (organisations, the law, the authority's words). */
  kept: string[];
  knownNames?: string[];
  keep?: string[];
}

/** Decisions as officers write them, in the three languages, with the personal data a real one holds. */
const CORPUS: Sample[] = [
  {
    lang: 'ky',
    text:
      'Арыз ээси Асанов Бакыт Уулу (ИНН 21203198500123, тел. +996 555 123 456) «Бакай Банк» ААКсы анын ' +
      'жеке маалыматтарын макулдугусуз үчүнчү жакка бергенин билдирди. Ал Бишкек шаары, Чүй проспектиси, 150-үй, 12 ' +
      'дарегинде жашайт, электрондук почтасы bakyt.asanov@mail.kg. Айгүл Токтогулова кызы да күбө катары сүйлөдү, ' +
      'анын телефону 0700 123 456. Паспорту AN1234567. 1985-жылы 12-мартта туулган. Мыйзамдын 5-беренеси бузулган.',
    personal: [
      ['name', 'Асанов Бакыт Уулу'],
      ['inn', '21203198500123'],
      ['phone', '+996 555 123 456'],
      ['address', 'Чүй проспектиси, 150-үй, 12'],
      ['email', 'bakyt.asanov@mail.kg'],
      ['name', 'Айгүл Токтогулова кызы'],
      ['phone', '0700 123 456'],
      ['passport', 'AN1234567'],
      ['birthDate', '1985-жылы 12-мартта'],
    ],
    kept: ['«Бакай Банк» ААКсы', 'Мыйзамдын 5-беренеси', 'Бишкек шаары'],
  },
  {
    lang: 'ky',
    text:
      'Даттануучу Жумабеков Нурлан Токтосунович «Мегаком» ЖЧКсынан өзүнүн маалыматтарын суратты. Жооп берилген ' +
      'жок. Жумабековдун дареги: Манас көч., 45. Байланыш: nurlan_j@gmail.com, (0312) 62-12-34.',
    personal: [
      ['name', 'Жумабеков Нурлан Токтосунович'],
      ['name', 'Жумабековдун'],
      ['address', 'Манас көч., 45'],
      ['email', 'nurlan_j@gmail.com'],
      ['phone', '(0312) 62-12-34'],
    ],
    kept: ['«Мегаком» ЖЧКсынан', 'Жооп берилген жок'],
    knownNames: ['Жумабеков Нурлан Токтосунович'],
  },
  {
    lang: 'ru',
    text:
      'Заявитель Петрова Анна Сергеевна, 12.03.1985 г.р., проживающая по адресу: г. Бишкек, ул. Киевская, д. 96, кв. 5, ' +
      'обратилась с жалобой на ОсОО «Шоро». Паспорт серии ID 1234567. ИНН 11203198501234. Телефон: 0555 12 34 56, ' +
      'e-mail: anna.petrova@example.kg. Представитель оператора И.И. Сидоров пояснил, что согласие Петровой не было получено. ' +
      'Дата рождения: 12.03.1985. Уполномоченный орган признал нарушение статьи 9 Закона.',
    personal: [
      ['name', 'Петрова Анна Сергеевна'],
      ['birthDate', '12.03.1985 г.р.'],
      ['address', 'ул. Киевская, д. 96, кв. 5'],
      ['passport', 'ID 1234567'],
      ['inn', '11203198501234'],
      ['phone', '0555 12 34 56'],
      ['email', 'anna.petrova@example.kg'],
      ['name', 'И.И. Сидоров'],
      ['name', 'Петровой'],
      ['birthDate', '12.03.1985'],
    ],
    kept: ['ОсОО «Шоро»', 'статьи 9 Закона', 'Уполномоченный орган признал нарушение'],
    knownNames: ['Петрова Анна Сергеевна'],
  },
  {
    lang: 'ru',
    text:
      'Гражданин Иванов Сергей жаловался, что ЗАО «Банк Компаньон» разместил его данные. Родился 5 мая 1990 года. ' +
      'Адрес: мкр. Джал, 23, кв. 14. Связь: +996 (312) 62 12 34. Паспорт: AC 7654321. Ответчик — Кенжебаев А.',
    personal: [
      ['name', 'Иванов Сергей'],
      ['birthDate', '5 мая 1990 года'],
      ['address', 'мкр. Джал, 23, кв. 14'],
      ['phone', '+996 (312) 62 12 34'],
      ['passport', 'AC 7654321'],
      ['name', 'Кенжебаев А.'],
    ],
    kept: ['ЗАО «Банк Компаньон»'],
    keep: ['Банк Компаньон'],
  },
  {
    lang: 'en',
    text:
      'The complainant, Ms Aigul Toktogulova, complained that Optima Bank OJSC disclosed her data to a debt collector. ' +
      'She lives at 12 Manas Street, Apt 4, and can be reached at aigul.t@example.com or +996 700 987 654. Her INN is ' +
      '21507199000321 and her passport number is AN 7654321. Date of birth: 15/07/1990. Mr Bakyt Asanov uulu, her ' +
      'neighbour, confirmed it. The Authority finds a breach of Article 9.',
    personal: [
      ['name', 'Aigul Toktogulova'],
      ['address', '12 Manas Street'],
      ['email', 'aigul.t@example.com'],
      ['phone', '+996 700 987 654'],
      ['inn', '21507199000321'],
      ['passport', 'AN 7654321'],
      ['birthDate', '15/07/1990'],
      ['name', 'Bakyt Asanov uulu'],
    ],
    kept: ['Optima Bank OJSC', 'The Authority finds a breach of Article 9'],
  },
  {
    lang: 'en',
    text:
      'Applicant John Smith wrote from 45 Chui Avenue. He was born on March 3, 1979. The operator, Beeline, ' +
      'ignored Mr Smith and his wife Jane Smith. Call 0555 111 222.',
    personal: [
      ['name', 'John Smith'],
      ['address', '45 Chui Avenue'],
      ['birthDate', 'March 3, 1979'],
      ['name', 'Smith'],
      ['name', 'Jane Smith'],
      ['phone', '0555 111 222'],
    ],
    kept: ['The operator, Beeline'],
    knownNames: ['John Smith', 'Jane Smith'],
  },
];

describe('the anonymiser', () => {
  for (const [index, sample] of CORPUS.entries()) {
    describe(`a ${sample.lang} decision (${String(index + 1)})`, () => {
      const result = anonymise(sample.text, { knownNames: sample.knownNames, keep: sample.keep }, label);

      it('masks every personal detail', () => {
        for (const [, value] of sample.personal) expect(result.text, value).not.to.include(value);
      });

      it('finds each of them as what it is', () => {
        for (const [kind, value] of sample.personal) {
          const found = result.findings.find((finding) => finding.text.includes(value) || value.includes(finding.text));
          expect(found, `${kind}: ${value}`).to.not.equal(undefined);
          if (!sample.knownNames) expect(found?.kind, value).to.equal(kind);
        }
      });

      it('keeps the organisation and the law', () => {
        for (const value of sample.kept) expect(result.text, value).to.include(value);
      });
    });
  }

  it('masks the words the editor adds, and never a kept organisation', () => {
    const text = 'Shoro LLC asked the neighbour Karakol Uncle to stay silent; Shoro LLC later apologised.';
    const result = anonymise(text, { extraTerms: ['Karakol Uncle'], keep: ['Shoro LLC'] }, label);
    expect(result.text).to.equal('Shoro LLC asked the neighbour [EXTRA] to stay silent; Shoro LLC later apologised.');
  });

  it('finds nothing in a text with no personal data, and labels every kind', () => {
    expect(detect('Уполномоченный орган рассмотрел жалобу на ОсОО «Шоро» и признал нарушение статьи 9 Закона от 14 апреля 2008 года.')).to.deep.equal([]);
    expect(FINDING_KINDS).to.have.length(8);
  });
});
