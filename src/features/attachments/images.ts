/**
 * Photos: hidden information removed, and iPhone photos made openable. Removing metadata re-encodes the
 * picture with sharp (libvips) — EXIF (GPS position, device, author, dates), XMP, IPTC and ICC profiles are
 * not copied — after turning the pixels the way the EXIF orientation said, so the photo still looks the same
 * way up. HEIC/HEIF photos are decoded by libheif (in a worker thread, see heic-worker.ts) and saved as JPEG,
 * which every computer opens; that JPEG never carries metadata.
 */
import { Worker } from 'node:worker_threads';
import type { Sharp, SharpOptions } from 'sharp';

let loading: Promise<(input: Buffer, options: SharpOptions) => Sharp> | undefined;

/**
 * sharp (libvips, some 20 MB of resident memory) is loaded with the first photo, not at start. Each photo is cleaned
 * once and never again: libvips's cache of recent operations (up to 50 MB by default) would only keep the memory
 * of photos already stored, so it is switched off.
 */
function sharp(input: Buffer, options: SharpOptions): Promise<Sharp> {
  loading ??= import('sharp').then(({ default: load }) => {
    load.cache(false);
    return load;
  });
  return loading.then((load) => load(input, options));
}

const JPEG_QUALITY = 90;
/** 50 megapixels: an iPhone's largest photos, and 200 MB once decoded. */
const MAX_PIXELS = 50_000_000;
const HEIC_TIMEOUT_MS = 60_000;

export type CleanImageType = 'image/jpeg' | 'image/png';

function open(bytes: Buffer): Promise<Sharp> {
  return sharp(bytes, { failOn: 'error', limitInputPixels: MAX_PIXELS });
}

/** Whether the bytes decode as a picture of that format within the size limit. */
export async function isReadableImage(bytes: Buffer, type: CleanImageType): Promise<boolean> {
  try {
    const metadata = await (await open(bytes)).metadata();
    return metadata.format === (type === 'image/png' ? 'png' : 'jpeg') && metadata.width > 0 && metadata.height > 0;
  } catch {
    return false;
  }
}

/** The same picture without any metadata, the right way up, in the same format. */
export async function withoutMetadata(bytes: Buffer, type: CleanImageType): Promise<Buffer> {
  const image = (await open(bytes)).autoOrient();
  return type === 'image/png' ? image.png().toBuffer() : image.jpeg({ quality: JPEG_QUALITY }).toBuffer();
}

function decodeHeic(bytes: Buffer): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  return new Promise((resolve, reject) => {
    // libheif writes its complaints about broken files to stderr: not log lines, and not worth keeping.
    const worker = new Worker(new URL('./heic-worker.ts', import.meta.url), { workerData: { bytes, maxPixels: MAX_PIXELS }, stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.resume();
    const timer = setTimeout(() => void worker.terminate(), HEIC_TIMEOUT_MS);
    let decoded: { width: number; height: number; data: Uint8ClampedArray } | undefined;
    worker.once('message', (message: { width: number; height: number; data: Uint8ClampedArray }) => {
      decoded = message;
    });
    worker.once('error', reject);
    worker.once('exit', () => {
      clearTimeout(timer);
      if (decoded) resolve(decoded);
      else reject(new Error('HEIC photo could not be decoded'));
    });
  });
}

/** A HEIC/HEIF photo as a JPEG without metadata, or undefined when it cannot be decoded. */
export async function heicToJpeg(bytes: Buffer): Promise<Buffer | undefined> {
  try {
    const { width, height, data } = await decodeHeic(bytes);
    return await (
      await sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: 4 } })
    )
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer();
  } catch {
    return undefined;
  }
}
