import { expect } from 'chai';
import { checkConsistency, parseContentFile, parseFileName, plainText, renderMarkdown } from '../../src/features/content/source.ts';
import { cutSnippet } from '../../src/features/content/search-index.ts';
import { analyse } from '../../src/features/content/search-text.ts';

const FRONT = `---
title: Access to your data
summary: You can get a copy.
legal_basis: Law No. 58, Chapter 3
last_reviewed: 2026-11-22
topic: law
order: 2
related: [right-to-correction, how-to-complain]
---
`;

describe('content files', () => {
  it('reads slug and language from the file name', () => {
    expect(parseFileName('right-of-access.ky.md')).to.deep.equal({ slug: 'right-of-access', lang: 'ky' });
    expect(parseFileName('Right_of_access.ky.md')).to.be.undefined;
    expect(parseFileName('right-of-access.de.md')).to.be.undefined;
  });

  it('parses front matter and renders Markdown once', () => {
    const source = parseContentFile(
      'rights',
      'right-of-access.en.md',
      `${FRONT}Intro.\n\n## What you can do\n\n1. Write to them\n2. [Complain](/en/complaints/new)\n`,
    );
    expect(source).to.deep.include({
      kind: 'rights',
      slug: 'right-of-access',
      lang: 'en',
      topic: 'law',
      order: 2,
      lastReviewed: '2026-11-22',
      legalBasis: 'Law No. 58, Chapter 3',
    });
    expect(source.related).to.deep.equal(['right-to-correction', 'how-to-complain']);
    expect(source.bodyHtml).to.include('<h2>What you can do</h2>');
    expect(source.bodyHtml).to.include('<a href="/en/complaints/new">Complain</a>');
    expect(source.bodyText).to.include('Write to them');
    expect(source.checksum).to.match(/^[0-9a-f]{64}$/);
  });

  it('names the file and the field when front matter is wrong', () => {
    expect(() => parseContentFile('rights', 'x.en.md', '---\ntitle: X\n---\nBody')).to.throw(/rights\/x\.en\.md: .*summary/);
  });

  it('sanitises with an allow-list: no script, handlers, styles, frames, images or javascript: links', () => {
    const html = renderMarkdown(
      [
        '# Heading one',
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(2)>',
        '<p onclick="alert(3)" style="color:red">text</p>',
        '<iframe src="https://evil.example"></iframe>',
        '[bad](javascript:alert(4)) [data](data:text/html,hi) [ok](https://example.org) [mail](mailto:a@b.kg)',
        '<a href="//evil.example">protocol relative</a>',
      ].join('\n\n'),
    );
    expect(html).not.to.match(/<script|onerror|onclick|style=|<iframe|<img|javascript:|data:text|\/\/evil/i);
    expect(html).to.include('<h2>Heading one</h2>');
    expect(html).to.include('<a href="https://example.org">ok</a>');
    expect(html).to.include('<a href="mailto:a@b.kg">mail</a>');
  });

  it('gives plain text without markup or control characters', () => {
    expect(plainText('<p>A &amp; B</p><ul><li>one\u0001</li></ul>')).to.equal('A & B\none');
  });

  it('requires the three translations of an item to agree on topic, order and related items', () => {
    const en = parseContentFile('rights', 'a.en.md', FRONT + 'x');
    const ru = parseContentFile('rights', 'a.ru.md', FRONT.replace('order: 2', 'order: 3') + 'x');
    expect(checkConsistency([en, ru])).to.deep.equal(['rights/a: order differs between en and ru']);
  });
});

describe('search snippets', () => {
  it('splits highlighted words out so the view escapes every part', () => {
    const body = 'a <b> copy of data';
    expect(cutSnippet(body, analyse('en', body), new Set(['copi', 'data']))).to.deep.equal([
      { text: 'a <b> ', highlight: false },
      { text: 'copy', highlight: true },
      { text: ' of ', highlight: false },
      { text: 'data', highlight: true },
    ]);
  });
});
