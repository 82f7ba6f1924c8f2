import { expect } from 'chai';
import {
  commonPasswordCount,
  CONTEXT_WORDS,
  hashPassword,
  HASH_OPTIONS,
  needsRehash,
  passwordProblem,
  verifyPassword,
} from '../../src/features/staff/passwords.ts';

describe('staff passwords', () => {
  it('ships a list of at least 10,000 common passwords', () => {
    expect(commonPasswordCount()).to.be.at.least(10_000);
  });

  it('refuses short, long, common and e-mail-based passwords with a reason', () => {
    expect(passwordProblem('short pass')).to.equal('tooShort');
    expect(passwordProblem('x'.repeat(100) + 'y'.repeat(29))).to.equal('tooLong');
    expect(passwordProblem('password1234')).to.equal('common');
    expect(passwordProblem('qwertyuiop12')).to.equal('common');
    expect(passwordProblem('aaaaaaaaaaaaaaa')).to.equal('common');
    expect(passwordProblem('aigerim.s-2026-secure', 'aigerim.s@agency.kg')).to.equal('containsEmail');
    expect(passwordProblem('Тоо башында кар бар 2026')).to.equal(undefined);
    expect(passwordProblem('correct horse battery staple')).to.equal(undefined);
  });

  it('counts characters, not bytes (Cyrillic passwords are not penalised)', () => {
    expect(passwordProblem('Ысык-Көл кол')).to.equal(undefined);
  });

  it('hashes with argon2id at 19 MiB, t=2, p=1 and asks for a rehash when the parameters rise', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).to.match(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).to.equal(true);
    expect(await verifyPassword(hash, 'correct horse battery stapler')).to.equal(false);
    expect(needsRehash(hash)).to.equal(false);
    expect(needsRehash(hash, { ...HASH_OPTIONS, timeCost: 3 })).to.equal(true);
    const weaker = await hashPassword('old one here please', { ...HASH_OPTIONS, memoryCost: 8192 });
    expect(needsRehash(weaker)).to.equal(true);
  });

  it('refuses a password that is mostly words of this service, in any of the three languages, but not a phrase that contains one', () => {
    for (const weak of ['Ukuk-admin-2026!', 'Бишкек2026Пароль', 'PersonalData2026!!', 'admin password 123456789', 'Сырсөз-Укук-2026'])
      expect(passwordProblem(weak, 'x@agency.kg'), weak).to.equal('context');
    for (const fine of ['bishkek in the winter snow', 'снег на вершинах гор', 'тоолордун чокусундагы кар', 'walnut orchard in autumn'])
      expect(passwordProblem(fine, 'x@agency.kg'), fine).to.equal(undefined);
    expect(CONTEXT_WORDS).to.include.members(['ukuk', 'укук', 'bishkek', 'password', 'пароль', 'сырсөз']);
  });

  it('checks the password exactly as typed: no trimming, no case folding', async () => {
    const hash = await hashPassword(' Mountain river at dawn ');
    expect(await verifyPassword(hash, ' Mountain river at dawn ')).to.equal(true);
    for (const altered of ['Mountain river at dawn', ' mountain river at dawn ', ' Mountain river at dawn'])
      expect(await verifyPassword(hash, altered), altered).to.equal(false);
  });
});
