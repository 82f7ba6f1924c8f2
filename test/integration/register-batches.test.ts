/**
 * The typeahead's statement asks for several prefixes at once (features/register/suggest-repository.ts): prefixes
 * typed at the same moment by different readers each get their own answer, in name order, registered entries only.
 */
import { expect } from 'chai';
import { searchKey } from '../../src/features/register/search-key.ts';
import { searchRegister } from '../../src/features/register/service.ts';
import { suggestOrganisations } from '../../src/features/register/suggest-repository.ts';
import { testDatabase } from '../support/database.ts';
import { createOrganisation } from '../support/register.ts';

describe('register reads made at the same moment', () => {
  it('answers each prefix with its own entries, in name order, registered ones only', async () => {
    const { knex } = testDatabase();
    // A digit before each suffix: the search key folds letters (c, q → k; a doubled letter → one) across it.
    const mark = `ts${Date.now().toString(36)}`;
    await createOrganisation({ nameEn: `${mark}1a Zeta Leasing`, nameRu: `ОсОО «${mark}1a Зета Лизинг»` });
    await createOrganisation({ nameEn: `${mark}1a Alpha Leasing`, nameRu: `ОсОО «${mark}1a Альфа Лизинг»` });
    await createOrganisation({ nameEn: `${mark}1b Motors`, nameRu: `ОсОО «${mark}1b Моторс»` });
    const ceased = await createOrganisation({ nameEn: `${mark}1b Old Motors`, nameRu: `ОсОО «${mark}1b Старые Моторс»` });
    await knex('organisations').where({ id: ceased.id }).update({ status: 'ceased' });

    // Asked in the same turn of the event loop: one statement for all four (keys as the service makes them).
    const [first, second, none, word] = await Promise.all(
      [`${mark}1a`, `${mark}1b`, `${mark}1d`, `${mark}1a alfa`].map((typed) => suggestOrganisations(knex, searchKey(typed), 8)),
    );
    expect(first?.map((entry) => entry.nameRu)).to.deep.equal([`ОсОО «${mark}1a Альфа Лизинг»`, `ОсОО «${mark}1a Зета Лизинг»`]);
    expect(second?.map((entry) => entry.nameEn)).to.deep.equal([`${mark}1b Motors`]);
    expect(none).to.deep.equal([]);
    expect(word?.map((entry) => entry.nameEn)).to.deep.equal([`${mark}1a Alpha Leasing`]);
    // No more than asked for.
    expect(await suggestOrganisations(knex, searchKey(`${mark}1a`), 1)).to.have.length(1);
  });

  it('reads each search’s own page when several are made at once', async () => {
    const { knex } = testDatabase();
    const mark = `tb${Date.now().toString(36)}`;
    const leasing = await createOrganisation({ nameEn: `${mark}2e Leasing`, nameRu: `ОсОО «${mark}2e Лизинг»` });
    await createOrganisation({ nameEn: `${mark}2f Motors`, nameRu: `ОсОО «${mark}2f Моторс»` });
    await createOrganisation({ nameEn: `${mark}2f Trucks`, nameRu: `ОсОО «${mark}2f Тракс»` });
    const names = (outcome: Awaited<ReturnType<typeof searchRegister>>): string[] =>
      outcome.kind === 'results' ? outcome.organisations.map((entry) => entry.nameEn ?? entry.nameRu) : [];

    const [first, second, byInn, none] = await Promise.all([
      searchRegister(knex, { q: `${mark}2e`, page: 1 }, 'en'),
      searchRegister(knex, { q: `${mark}2f`, page: 1 }, 'en'),
      searchRegister(knex, { q: leasing.inn, page: 1 }, 'en'),
      // Nothing like it at all (a word no name holds is otherwise looked for as a misspelling).
      searchRegister(knex, { q: 'qqxqqzqqj', page: 1 }, 'en'),
    ]);
    expect(names(first)).to.deep.equal([`${mark}2e Leasing`]);
    expect(names(second)).to.deep.equal([`${mark}2f Motors`, `${mark}2f Trucks`]);
    expect(names(byInn)).to.deep.equal([`${mark}2e Leasing`]);
    expect(names(none)).to.deep.equal([]);
  });
});
