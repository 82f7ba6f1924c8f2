import { expect } from 'chai';
import { startOnFreePort } from '../../src/db/free-port.ts';

describe('choosing the embedded PostgreSQL port', () => {
  it('keeps the previous port when PostgreSQL starts on it', async () => {
    const tried: number[] = [];
    const port = await startOnFreePort(54777, (candidate) => {
      tried.push(candidate);
      return Promise.resolve();
    });
    expect(port).to.equal(54777);
    expect(tried).to.deep.equal([54777]);
  });

  it('starts on another port when a parallel process took the chosen one first', async () => {
    const tried: number[] = [];
    const port = await startOnFreePort(54777, (candidate) => {
      tried.push(candidate);
      if (tried.length === 1) return Promise.reject(new Error('could not bind IPv4 address: Address already in use'));
      return Promise.resolve();
    });
    expect(tried).to.have.length(2);
    expect(port).to.equal(tried[1]).and.not.equal(54777);
    expect(port).to.be.within(54320, 54999);
  });

  it('gives up with the last error after five refusals, never trying 5432', async () => {
    const tried: number[] = [];
    let failure: unknown;
    await startOnFreePort(0, (candidate) => {
      tried.push(candidate);
      return Promise.reject(new Error(`refused ${candidate}`));
    }).catch((error: unknown) => (failure = error));
    expect(tried).to.have.length(5).and.not.include(5432);
    expect(new Set(tried).size).to.equal(5);
    expect((failure as Error).message).to.equal(`refused ${tried[4]}`);
  });
});
