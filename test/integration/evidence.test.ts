import { expect } from 'chai';
import type { Express } from 'express';
import JSZip from 'jszip';
import { postgresBlobStorage } from '../../src/features/attachments/repository.ts';
import type { AttachmentRow } from '../../src/features/attachments/types.ts';
import { readAttachment } from '../../src/features/attachments/service.ts';
import { caseKeys } from '../../src/features/cases/keys.ts';
import { buildApp, testConfig } from '../support/app.ts';
import { browser, csrfTokenFrom, multipartActionFrom, type Agent } from '../support/browser.ts';
import { testDatabase } from '../support/database.ts';
import { ARTIST_TAG, docx, GPS_TAG, HEIC_WITH_GPS, jpegWithGps, photoMetadata } from '../support/documents.ts';
import { createCase } from '../support/factories.ts';
import { addDays, bishkekToday } from '../../src/lib/dates.ts';
import { answer, dateFields, receiptFrom, upload } from '../support/journeys.ts';

/** The file as stored, decrypted: what staff will open. */
async function stored(row: AttachmentRow, variant: 'file' | 'original' = 'file'): Promise<Buffer> {
  const storage = postgresBlobStorage(caseKeys(testConfig().dataEncryptionKey).attachments);
  const content = await readAttachment(storage, testDatabase().knex, row, variant);
  if (!content) throw new Error(`no ${variant} stored`);
  return content.bytes;
}

async function latest(fileName: string): Promise<AttachmentRow> {
  return testDatabase().knex<AttachmentRow>('attachments').where({ file_name: fileName }).orderBy('created_at', 'desc').first() as Promise<AttachmentRow>;
}

async function complaintAtEvidence(agent: Agent): Promise<void> {
  const today = bishkekToday();
  await answer(agent, '/en/complaints/new/about-you', { fullName: 'Aida Evidence', email: 'aida.evidence@example.kg', preferredLanguage: 'en' });
  await answer(agent, '/en/complaints/new/organisation', { organisationName: 'Photo Bank', sector: 'banking' });
  await answer(agent, '/en/complaints/new/what-happened', {
    ...dateFields('incidentDate', addDays(today, -5)),
    description: 'They filmed me.',
    rightsAffected: 'consent',
    dataKinds: 'contact',
  });
  await answer(agent, '/en/complaints/new/earlier-contact', { askedOrganisation: 'no' });
  await answer(agent, '/en/complaints/new/not-asked-first', { reasonNotAsked: 'Urgent.' });
  await answer(agent, '/en/complaints/new/outcome', { desiredOutcomes: 'deletion', outcomeDetails: '' });
}

describe('evidence: photos lose what would betray the reporter', () => {
  let app: Express;
  before(async () => {
    app = await buildApp();
  });

  it('an anonymous report: a photo’s GPS position, author and device are removed from the stored file, always', async () => {
    const { knex } = testDatabase();
    const agent = browser(app);
    await answer(agent, '/en/reports/new/what-happened', {
      organisationName: 'Shop with cameras',
      sector: 'retail',
      description: 'Cameras in the changing rooms.',
      knowDate: 'no',
    });
    const page = await agent.get('/en/reports/new/evidence').expect(200);
    // No choice in a report: it may become anonymous on the next step.
    expect(page.text).not.to.include('name="stripMetadata"');
    expect(page.text).to.include('from every photo in a report');
    const photo = await jpegWithGps();
    expect((await photoMetadata(photo)).tags)
      .to.include(GPS_TAG)
      .and.include(ARTIST_TAG);
    // Even a client that sends "don't remove" does not get its way.
    await upload(agent, '/en/reports/new/evidence', 'evidence', [{ name: 'changing-room.jpg', bytes: photo }], { upload: '1', stripMetadata: '' }).then(
      (response) => expect(response.status).to.equal(303),
    );
    await answer(agent, '/en/reports/new/evidence', { continue: '1' });
    await answer(agent, '/en/reports/new/about-you', { anonymous: 'yes', preferredLanguage: 'en' });
    const check = await agent.get('/en/reports/new/check').expect(200);
    await agent
      .post('/en/reports/new/check')
      .type('form')
      .send({ _csrf: csrfTokenFrom(check.text) })
      .expect(303);
    const { reference } = receiptFrom((await agent.get('/en/reports/submitted').expect(200)).text);
    const found = await knex('cases').where({ reference }).first<{ id: number; anonymous: boolean }>();
    expect(found.anonymous).to.equal(true);
    const row = await knex<AttachmentRow>('attachments').where({ case_id: found.id }).first();
    expect(row).to.include({ file_name: 'changing-room.jpg', content_type: 'image/jpeg', metadata_removed: true, original_storage_key: null });
    const kept = await photoMetadata(await stored(row as AttachmentRow));
    expect(kept).to.include({ format: 'jpeg', hasExif: false, width: 40, height: 20 });
    expect(kept.exif).not.to.include('Aida Reporter');
  });

  it('a complaint: hidden information is removed by default, and kept when the citizen unticks the box', async () => {
    const agent = browser(app);
    await complaintAtEvidence(agent);
    const page = await agent.get('/en/complaints/new/evidence').expect(200);
    expect(page.text).to.match(/name="stripMetadata" value="yes" checked/);
    await upload(agent, '/en/complaints/new/evidence', 'evidence', [{ name: 'default.jpg', bytes: await jpegWithGps() }], { upload: '1' }).then((response) =>
      expect(response.status).to.equal(303),
    );
    await upload(agent, '/en/complaints/new/evidence', 'evidence', [{ name: 'as-taken.jpg', bytes: await jpegWithGps() }], {
      upload: '1',
      stripMetadata: '',
    }).then((response) => expect(response.status).to.equal(303));

    const cleaned = await photoMetadata(await stored(await latest('default.jpg')));
    expect(cleaned.hasExif).to.equal(false);
    const asTaken = await latest('as-taken.jpg');
    expect(asTaken.metadata_removed).to.equal(false);
    const kept = await photoMetadata(await stored(asTaken));
    expect(kept.tags).to.include(GPS_TAG).and.include(ARTIST_TAG);
    expect(kept.exif).to.include('Aida Reporter');
    const list = await agent.get('/en/complaints/new/evidence').expect(200);
    expect(list.text).to.match(/default\.jpg<\/span>[\s\S]*?Hidden information removed[\s\S]*?as-taken\.jpg/);
  });

  it('keeps the box unticked when the form comes back with an error', async () => {
    const agent = browser(app);
    await complaintAtEvidence(agent);
    const refused = await upload(agent, '/en/complaints/new/evidence', 'evidence', [{ name: 'fake.jpg', bytes: Buffer.from('not a photo') }], {
      upload: '1',
      stripMetadata: '',
    });
    expect(refused.status).to.equal(400);
    expect(refused.text).to.include('“fake.jpg” is not a file we can accept');
    expect(refused.text).to.match(/name="stripMetadata" value="yes" aria-describedby/);
    expect(refused.text).not.to.match(/name="stripMetadata" value="yes" checked/);
  });

  it('an iPhone photo (HEIC) is stored as a JPEG people can open, with the original downloadable beside it', async () => {
    const { knex } = testDatabase();
    const { reference, code, caseId } = await createCase();
    const agent = browser(app);
    await answer(agent, '/en/track', { reference, accessCode: code });
    let page = await agent.get('/en/track/case').expect(200);
    // The box unticked: the original is kept as sent.
    await agent.post(multipartActionFrom(page.text)).field('body', 'The photo from my phone.').attach('files', HEIC_WITH_GPS, 'IMG_0042.HEIC').expect(303);
    const row = await knex<AttachmentRow>('attachments').where({ case_id: caseId }).first();
    expect(row).to.include({
      file_name: 'IMG_0042.jpg',
      content_type: 'image/jpeg',
      original_file_name: 'IMG_0042.HEIC',
      original_content_type: 'image/heic',
      original_size_bytes: HEIC_WITH_GPS.length,
    });
    page = await agent.get('/en/track/case').expect(200);
    expect(page.text).to.include('IMG_0042.jpg').and.include('Original: IMG_0042.HEIC');
    const jpeg = await agent
      .get(`/en/track/case/files/${row?.id ?? ''}`)
      .buffer(true)
      .expect(200);
    expect(jpeg.headers['content-type']).to.equal('image/jpeg');
    expect(await photoMetadata(jpeg.body as Buffer)).to.include({ format: 'jpeg', width: 64, height: 48 });
    const original = await agent
      .get(`/en/track/case/files/${row?.id ?? ''}/original`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(original.headers['content-disposition']).to.include('IMG_0042.HEIC');
    expect(Buffer.compare(original.body as Buffer, HEIC_WITH_GPS)).to.equal(0);

    // The case download holds both.
    const archive = await agent
      .get('/en/track/case/download')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const zip = await JSZip.loadAsync(archive.body as Buffer);
    expect(zip.file(`${reference}/files/IMG_0042.jpg`)).to.not.equal(null);
    expect(Buffer.compare(await zip.file(`${reference}/files/originals/IMG_0042.HEIC`)!.async('nodebuffer'), HEIC_WITH_GPS)).to.equal(0);

    // With the box ticked, the HEIC (which cannot be cleaned) is not kept: only the clean JPEG.
    page = await agent.get('/en/track/case').expect(200);
    await agent
      .post(multipartActionFrom(page.text))
      .field('body', 'Another one.')
      .field('stripMetadata', 'yes')
      .attach('files', HEIC_WITH_GPS, 'IMG_0043.heic')
      .expect(303);
    const cleaned = await latest('IMG_0043.jpg');
    expect(cleaned).to.include({ original_storage_key: null, metadata_removed: true });
    expect((await photoMetadata(await stored(cleaned))).hasExif).to.equal(false);
  });

  it('Word documents are accepted as they are, with a warning that they carry author names; macros are refused', async () => {
    const agent = browser(app);
    await complaintAtEvidence(agent);
    const page = await agent.get('/en/complaints/new/evidence').expect(200);
    expect(page.text).to.include('Word, Excel and OpenDocument files keep hidden information too');
    const document = await docx();
    await upload(agent, '/en/complaints/new/evidence', 'evidence', [{ name: 'bank-answer.docx', bytes: document }], { upload: '1' }).then((response) =>
      expect(response.status).to.equal(303),
    );
    expect(Buffer.compare(await stored(await latest('bank-answer.docx')), document)).to.equal(0);
    const list = await agent.get('/en/complaints/new/evidence').expect(200);
    expect(list.text).to.match(/bank-answer\.docx<\/span>[\s\S]*?May show the author’s name/);
    const macro = await upload(agent, '/en/complaints/new/evidence', 'evidence', [{ name: 'invoice.docm', bytes: await docx({ macroEnabled: true }) }], {
      upload: '1',
    });
    expect(macro.status).to.equal(400);
    expect(macro.text).to.include('“invoice.docm” contains macros, which we cannot accept');
  });

  it('names every refused file of a post, and stores none of them', async () => {
    const { knex } = testDatabase();
    const agent = browser(app);
    await complaintAtEvidence(agent);
    const before = await knex('attachments').count<{ count: string }[]>({ count: '*' });
    const response = await upload(
      agent,
      '/en/complaints/new/evidence',
      'evidence',
      [
        { name: 'good.docx', bytes: await docx() },
        { name: 'empty.pdf', bytes: Buffer.alloc(0) },
        { name: 'macro.docx', bytes: await docx({ vbaProject: true }) },
      ],
      { upload: '1' },
    );
    expect(response.status).to.equal(400);
    expect(response.text).to.include('<a href="#evidence">“empty.pdf” is empty</a>');
    expect(response.text).to.include('<a href="#evidence">“macro.docx” contains macros');
    expect(response.text).to.match(/<ul class="error-message__list"><li>“empty\.pdf” is empty<\/li><li>“macro\.docx” contains macros/);
    expect(await knex('attachments').count<{ count: string }[]>({ count: '*' })).to.deep.equal(before);
  });

  it('the earlier-contact question takes one file, and a second one replaces it', async () => {
    const { knex } = testDatabase();
    const agent = browser(app);
    const today = bishkekToday();
    await answer(agent, '/en/complaints/new/about-you', { fullName: 'Aida Letter', email: 'aida.letter@example.kg', preferredLanguage: 'en' });
    await answer(agent, '/en/complaints/new/organisation', { organisationName: 'Letter Bank', sector: 'banking' });
    await answer(agent, '/en/complaints/new/what-happened', {
      ...dateFields('incidentDate', addDays(today, -30)),
      description: 'No answer.',
      rightsAffected: 'access',
      dataKinds: 'contact',
    });
    const fields = {
      askedOrganisation: 'yes',
      ...dateFields('requestDate', addDays(today, -20)),
      answered: 'yes',
      ...dateFields('answerDate', addDays(today, -10)),
    };
    for (const name of ['first-answer.docx', 'second-answer.docx']) {
      const response = await upload(agent, '/en/complaints/new/earlier-contact', 'organisationAnswer', [{ name, bytes: await docx() }], fields);
      expect(response.status, response.text.slice(0, 300)).to.equal(303);
    }
    const page = await agent.get('/en/complaints/new/earlier-contact').expect(200);
    expect(page.text).to.include('Attached: second-answer.docx');
    const token = (await knex<AttachmentRow>('attachments').where({ file_name: 'second-answer.docx' }).first())?.draft_token;
    expect(
      await knex('attachments')
        .where({ draft_token: token ?? '', purpose: 'organisation-answer' })
        .pluck('file_name'),
    ).to.deep.equal(['second-answer.docx']);
  });
});
