/**
 * The typeahead's statement asks for several prefixes at once (features/register/suggest-repository.ts): prefixes
 * typed at the same moment by different readers each get their own answer, in name order, registered entries only.
 */
import { expect } from 'chai';
import { searchKey } from '../../src/features/register/search-key.ts';
import { suggestOrganisations } from '../../src/features/register/suggest-repository.ts';
import { testDatabase } from '../support/database.ts';
import { createOrganisation } from '../support/register.ts';

describe('the typeahead asked for several prefixes at once', () => {
  it('answers each prefix with its own entries, in name order, registered ones only', async () => {
    const { knex } = testDatabase();
    const mark = `ts${Date.now().toString(36)}`;
    await createOrganisation({ nameEn: `${mark}a Zeta Leasing`, nameRu: `ОсОО «${mark}a Зета Лизинг»` });
    await createOrganisation({ nameEn: `${mark}a Alpha Leasing`, nameRu: `ОсОО «${mark}a Альфа Лизинг»` });
    await createOrganisation({ nameEn: `${mark}b Motors`, nameRu: `ОсОО «${mark}b Моторс»` });
    const ceased = await createOrganisation({ nameEn: `${mark}b Old Motors`, nameRu: `ОсОО «${mark}b Старые Моторс»` });
    await knex('organisations').where({ id: ceased.id }).update({ status: 'ceased' });

    // Asked in the same turn of the event loop: one statement for all four (keys as the service makes them).
    const [first, second, none, word] = await Promise.all(
      [`${mark}a`, `${mark}b`, `${mark}c`, `${mark}a alfa`].map((typed) => suggestOrganisations(knex, searchKey(typed), 8)),
    );
    expect(first?.map((entry) => entry.nameRu)).to.deep.equal([`ОсОО «${mark}a Альфа Лизинг»`, `ОсОО «${mark}a Зета Лизинг»`]);
    expect(second?.map((entry) => entry.nameEn)).to.deep.equal([`${mark}b Motors`]);
    expect(none).to.deep.equal([]);
    expect(word?.map((entry) => entry.nameEn)).to.deep.equal([`${mark}a Alpha Leasing`]);
    // No more than asked for.
    expect(await suggestOrganisations(knex, searchKey(`${mark}a`), 1)).to.have.length(1);
  });
});
