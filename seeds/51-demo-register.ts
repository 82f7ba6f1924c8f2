/**
 * Demo data for development (never loaded in production): fifteen organisations in the register — banks,
 * telecoms, a clinic, a school, a ministry — each with its arrays, so `npm start` shows a register to search.
 * Apart from the register's own example (Optima Bank), names are invented; every ИНН, address and contact is.
 * An organisation already in the register (by ИНН) is left as it is.
 */
import type { Knex } from 'knex';
import type { SeedContext } from '../src/db/migrations.ts';
import { addEntry } from '../src/features/register/entries.ts';
import { findEntryByInn } from '../src/features/register/repository.ts';
import type { Region, Sector } from '../src/features/register/reference-data.ts';
import type { DataArray, EntryInput } from '../src/features/register/types.ts';

export const kind = 'demo';

type Kind = 'customers' | 'employees' | 'subscribers' | 'patients' | 'students' | 'citizens' | 'borrowers' | 'cctv';

const ARRAYS: Record<Kind, Omit<DataArray, 'transferCountries'>> = {
  customers: {
    name: 'Клиенты / Кардарлар',
    purposes: 'Открытие и ведение счетов, исполнение договоров, выполнение требований законодательства о противодействии отмыванию денег.',
    methods: 'Автоматизированная обработка в автоматизированной банковской системе; бумажные досье в архиве.',
    legalBasis: 'Договор с клиентом; Закон «О банках и банковской деятельности»; согласие клиента на рассылки.',
    dataCategories: 'ФИО, дата рождения, паспортные данные, ИНН, адрес, телефон, e-mail, сведения о счетах и операциях.',
    subjectCategories: 'Клиенты — физические лица и представители юридических лиц.',
    sources: 'Сам клиент; государственная система «Түндүк»; кредитное бюро.',
    subjectsInformed: 'Уведомление при открытии счёта и политика конфиденциальности на сайте.',
    retention: '5 лет после закрытия счёта.',
    recipients: 'Национальный банк, кредитное бюро, процессинговый центр, органы по запросу в силу закона.',
    securityMeasures: 'Разграничение доступа по ролям, шифрование каналов, журналирование доступа, резервное копирование, ежегодный аудит.',
  },
  borrowers: {
    name: 'Заёмщики / Карыз алуучулар',
    purposes: 'Оценка платёжеспособности, выдача и обслуживание кредитов, взыскание задолженности.',
    methods: 'Автоматизированная скоринговая система и бумажные кредитные досье.',
    legalBasis: 'Кредитный договор; Закон «Об обмене кредитной информацией»; согласие заёмщика.',
    dataCategories: 'ФИО, паспортные данные, ИНН, адрес, место работы, доход, кредитная история, залоговое имущество.',
    subjectCategories: 'Заёмщики, созаёмщики, поручители.',
    sources: 'Заёмщик; кредитное бюро; работодатель с согласия заёмщика.',
    subjectsInformed: 'Письменное согласие и памятка при подаче заявки.',
    retention: '5 лет после погашения кредита.',
    recipients: 'Кредитное бюро, коллекторское агентство по договору, суд.',
    securityMeasures: 'Доступ только кредитным специалистам, двухфакторный вход, шифрование резервных копий.',
  },
  employees: {
    name: 'Работники / Кызматкерлер',
    purposes: 'Трудовые отношения: приём на работу, начисление заработной платы, отчётность в Социальный фонд и налоговую службу.',
    methods: 'Кадровая и бухгалтерская программы; личные дела на бумаге.',
    legalBasis: 'Трудовой кодекс; трудовой договор.',
    dataCategories: 'ФИО, паспортные данные, ИНН, адрес, образование, трудовой стаж, заработная плата, семейное положение, данные о детях.',
    subjectCategories: 'Работники, кандидаты на работу, бывшие работники.',
    sources: 'Сам работник; прежние работодатели с согласия работника.',
    subjectsInformed: 'Ознакомление с положением о персональных данных под подпись при приёме на работу.',
    retention: '75 лет для личных дел (архивное законодательство), 5 лет для прочих документов.',
    recipients: 'Социальный фонд, Государственная налоговая служба, банк для выплаты зарплаты.',
    securityMeasures: 'Личные дела в запираемом шкафу; доступ к программе только отделу кадров и бухгалтерии.',
  },
  subscribers: {
    name: 'Абоненты / Абоненттер',
    purposes: 'Оказание услуг связи, расчёты с абонентами, исполнение требований закона об идентификации абонентов.',
    methods: 'Автоматизированная биллинговая система; сканы документов в защищённом хранилище.',
    legalBasis: 'Договор об оказании услуг связи; Закон «Об электрической и почтовой связи».',
    dataCategories: 'ФИО, паспортные данные, номер телефона, адрес, сведения о соединениях и платежах, IMEI.',
    subjectCategories: 'Абоненты — физические лица.',
    sources: 'Абонент при заключении договора; сеть оператора (данные о соединениях).',
    subjectsInformed: 'Условия договора и политика конфиденциальности в салонах и на сайте.',
    retention: 'Срок действия договора и 3 года после его окончания; данные о соединениях — срок, установленный законом.',
    recipients: 'Операторы-партнёры для роуминга; государственные органы в случаях, предусмотренных законом.',
    securityMeasures: 'Сегментация сети, шифрование, контроль привилегированного доступа, мониторинг инцидентов круглосуточно.',
  },
  patients: {
    name: 'Пациенты / Бейтаптар',
    purposes: 'Оказание медицинской помощи, ведение медицинской документации, расчёты с Фондом ОМС.',
    methods: 'Медицинская информационная система и бумажные амбулаторные карты.',
    legalBasis: 'Закон «Об охране здоровья граждан»; согласие пациента на медицинское вмешательство.',
    dataCategories: 'ФИО, дата рождения, ПИН, адрес, телефон, сведения о состоянии здоровья, диагнозы, результаты анализов.',
    subjectCategories: 'Пациенты и их законные представители.',
    sources: 'Пациент; направившие медицинские организации; лаборатории.',
    subjectsInformed: 'Информированное согласие при первом обращении; объявление в регистратуре.',
    retention: '25 лет для медицинских карт.',
    recipients: 'Фонд обязательного медицинского страхования; лаборатории по договору.',
    securityMeasures: 'Врачебная тайна; доступ к карте только лечащему персоналу; учётные записи для каждого сотрудника.',
  },
  students: {
    name: 'Окуучулар / Учащиеся',
    purposes: 'Организация учебного процесса, учёт успеваемости, связь с родителями.',
    methods: 'Электронный журнал и бумажные личные дела.',
    legalBasis: 'Закон «Об образовании»; согласие родителей.',
    dataCategories: 'ФИО, дата рождения, свидетельство о рождении, адрес, оценки, сведения о здоровье для физкультуры, контакты родителей.',
    subjectCategories: 'Учащиеся и их родители (законные представители).',
    sources: 'Родители при зачислении; учителя (оценки).',
    subjectsInformed: 'Заявление о приёме с уведомлением об обработке данных.',
    retention: 'До окончания обучения, личные дела — 3 года после выбытия.',
    recipients: 'Районный отдел образования; Министерство образования и науки.',
    securityMeasures: 'Доступ к журналу по паролю для учителей; личные дела в кабинете директора под замком.',
  },
  citizens: {
    name: 'Обращения граждан / Жарандардын кайрылуулары',
    purposes: 'Рассмотрение обращений граждан и предоставление государственных услуг.',
    methods: 'Система электронного документооборота; бумажные обращения.',
    legalBasis: 'Закон «О порядке рассмотрения обращений граждан».',
    dataCategories: 'ФИО, адрес, телефон, e-mail, содержание обращения, приложенные документы.',
    subjectCategories: 'Граждане, обратившиеся в министерство.',
    sources: 'Сами граждане; государственные органы, перенаправившие обращение.',
    subjectsInformed: 'Сведения об обработке на сайте и на бланке обращения.',
    retention: '5 лет.',
    recipients: 'Государственные органы, к компетенции которых относится вопрос.',
    securityMeasures: 'Доступ по ролям в системе документооборота; журнал действий пользователей.',
  },
  cctv: {
    name: 'Видеонаблюдение / Видеобайкоо',
    purposes: 'Безопасность посетителей и работников, сохранность имущества.',
    methods: 'Запись камер на видеорегистратор с автоматической перезаписью.',
    legalBasis: 'Законный интерес в обеспечении безопасности; предупреждающие таблички.',
    dataCategories: 'Изображения людей в зоне наблюдения, дата и время записи.',
    subjectCategories: 'Посетители, работники.',
    sources: 'Камеры видеонаблюдения.',
    subjectsInformed: 'Таблички «Ведётся видеонаблюдение» у входа.',
    retention: '30 дней, затем автоматическая перезапись.',
    recipients: 'Правоохранительные органы по официальному запросу.',
    securityMeasures: 'Регистратор в запираемом помещении; просмотр только службой безопасности.',
  },
};

type Demo = [
  nameKy: string,
  nameRu: string,
  nameEn: string | null,
  inn: string,
  sector: Sector,
  region: Region,
  address: string,
  person: string,
  kinds: Kind[],
  transfers?: string[],
];

const DEMO: Demo[] = [
  [
    '«Оптима Банк» ААК',
    'ОАО «Оптима Банк»',
    'Optima Bank OJSC',
    '02103199510012',
    'banking',
    'bishkek',
    'г. Бишкек, ул. Турусбекова, 1',
    'Асанова Айгүл',
    ['customers', 'borrowers', 'employees', 'cctv'],
    ['KZ', 'RU'],
  ],
  [
    '«Ала-Тоо Банк» ААК',
    'ОАО «Ала-Тоо Банк»',
    'Ala-Too Bank OJSC',
    '01502199810034',
    'banking',
    'bishkek',
    'г. Бишкек, пр. Чуй, 120',
    'Токтогулов Нурлан',
    ['customers', 'borrowers', 'employees'],
  ],
  [
    '«Ош Кредит» микрокаржы компаниясы',
    'Микрокредитная компания «Ош Кредит»',
    null,
    '02207200910056',
    'microfinance',
    'osh_city',
    'г. Ош, ул. Ленина, 45',
    'Жумабаева Гүлнара',
    ['borrowers', 'employees'],
  ],
  [
    '«Тоо Мобайл» ЖЧК',
    'ОсОО «Тоо Мобайл»',
    'Too Mobile LLC',
    '01109200410078',
    'telecoms',
    'bishkek',
    'г. Бишкек, ул. Токтогула, 89',
    'Осмонов Бакыт',
    ['subscribers', 'employees', 'cctv'],
    ['DE', 'NL'],
  ],
  [
    '«Кыргызтелеком» ААК',
    'ОАО «Кыргызтелеком»',
    'Kyrgyztelecom OJSC',
    '00712199110090',
    'telecoms',
    'bishkek',
    'г. Бишкек, бул. Эркиндик, 7',
    'Сыдыкова Динара',
    ['subscribers', 'employees'],
  ],
  [
    '«Нур Интернет» ЖЧК',
    'ОсОО «Нур Интернет»',
    'Nur Internet LLC',
    '01404201510112',
    'internet',
    'chuy',
    'Чуйская обл., г. Кант, ул. Ленина, 3',
    'Мамытов Эрлан',
    ['subscribers'],
    ['US'],
  ],
  [
    '«Шифа» үй-бүлөлүк медицина борбору',
    'Центр семейной медицины «Шифа»',
    'Shifa Family Medicine Centre',
    '02508200610134',
    'healthcare',
    'jalal_abad',
    'г. Джалал-Абад, ул. Токтогула, 15',
    'Касымова Жылдыз',
    ['patients', 'employees'],
  ],
  [
    '«Дарыгер» жеке клиникасы ЖЧК',
    'ОсОО «Частная клиника «Дарыгер»',
    'Dariger Private Clinic LLC',
    '01011201810156',
    'healthcare',
    'bishkek',
    'г. Бишкек, ул. Ахунбаева, 92',
    'Абдыкадыров Тимур',
    ['patients', 'employees', 'cctv'],
    ['TR'],
  ],
  [
    'Ч. Айтматов атындагы № 5 орто мектеби',
    'Средняя школа № 5 имени Ч. Айтматова',
    'Secondary School No. 5 named after Ch. Aitmatov',
    '00109197010178',
    'education',
    'talas',
    'г. Талас, ул. Бердике Баатыра, 21',
    'Петрова Анна',
    ['students', 'employees'],
  ],
  [
    '«Билим» лицейи',
    'Лицей «Билим»',
    'Bilim Lyceum',
    '02012200210190',
    'education',
    'osh',
    'Ошская обл., г. Узген, ул. Манаса, 8',
    'Ким Сергей',
    ['students', 'employees', 'cctv'],
  ],
  [
    'Кыргыз Республикасынын Санариптик өнүктүрүү министрлиги',
    'Министерство цифрового развития Кыргызской Республики',
    'Ministry of Digital Development of the Kyrgyz Republic',
    '00605202110212',
    'public_administration',
    'bishkek',
    'г. Бишкек, ул. Абдымомунова, 207',
    'Исаков Азамат',
    ['citizens', 'employees'],
  ],
  [
    '«Ысык-Көл Камсыздандыруу» ААК',
    'ОАО «Страховая компания «Иссык-Куль»',
    null,
    '01803200010234',
    'insurance',
    'issyk_kul',
    'г. Каракол, ул. Абдрахманова, 130',
    'Бейшенова Салтанат',
    ['customers', 'employees'],
  ],
  [
    '«Нарын Соода» ЖЧК',
    'ОсОО «Нарын Соода»',
    'Naryn Sooda LLC',
    '02306201210256',
    'retail',
    'naryn',
    'г. Нарын, ул. Ленина, 30',
    'Алыбаев Канат',
    ['customers', 'employees', 'cctv'],
  ],
  [
    '«Баткен Транс» ЖЧК',
    'ОсОО «Баткен Транс»',
    null,
    '01210201410278',
    'transport',
    'batken',
    'г. Баткен, ул. Сооронбаева, 4',
    'Юсупов Рустам',
    ['customers', 'employees'],
  ],
  [
    '«Жумуш Табуу» кадр агенттиги',
    'Кадровое агентство «Жумуш Табуу»',
    'Jumush Tabuu Recruitment',
    '02701201910290',
    'employment',
    'bishkek',
    'г. Бишкек, ул. Киевская, 77',
    'Маматова Элмира',
    ['employees'],
    ['KZ', 'AE'],
  ],
];

function entryOf([nameKy, nameRu, nameEn, inn, sector, region, address, person, kinds, transfers]: Demo): EntryInput {
  return {
    inn,
    nameKy,
    nameRu,
    nameEn,
    sector,
    region,
    address,
    responsiblePerson: person,
    contactEmail: `privacy@${inn.slice(-5)}.example.kg`,
    contactPhone: `+996 312 ${inn.slice(-6, -3)} ${inn.slice(-3)}`,
    contactAddress: null,
    arrays: kinds.map((kind, index) => ({ ...ARRAYS[kind], transferCountries: index === 0 ? (transfers ?? []) : [] })),
  };
}

export async function seed(knex: Knex, { log }: SeedContext): Promise<void> {
  let added = 0;
  await knex.transaction(async (trx) => {
    for (const [index, demo] of DEMO.entries()) {
      if (await findEntryByInn(trx, demo[3])) continue;
      const on = `2025-${String((index % 12) + 1).padStart(2, '0')}-${String(10 + index).padStart(2, '0')}`;
      await addEntry(trx, entryOf(demo), { on }, { source: 'demo' });
      added += 1;
    }
  });
  // Demo cases about an organisation in the register name it by its Russian name: they get its entry, as a case
  // filed through the picker would (the queue's grouping and the entry's staff page then have something to show).
  const linked = await knex.raw<{ rowCount: number }>(
    `update cases set organisation_id = o.id from organisations o
     where cases.organisation_id is null and cases.answers ->> 'demo' = 'true' and cases.organisation_name = o.name_ru`,
  );
  log(`demo register: ${String(added)} organisations added${linked.rowCount ? `, ${String(linked.rowCount)} demo cases linked to their entries` : ''}`);
}
