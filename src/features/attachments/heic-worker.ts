/**
 * Decodes one HEIC/HEIF photo in a worker thread (see images.ts): libheif runs as WebAssembly, whose memory
 * only grows, and decoding a 12-megapixel photo takes about a second of CPU — here neither blocks the
 * server's event loop nor stays in its heap once the worker ends. A photo claiming more pixels than the
 * limit is refused before any pixel is decoded.
 */
import { parentPort, workerData } from 'node:worker_threads';
import decode from 'heic-decode';

const { bytes, maxPixels } = workerData as { bytes: Uint8Array; maxPixels: number };
const images = await decode.all({ buffer: bytes });
try {
  const [primary] = images;
  if (!primary || primary.width * primary.height > maxPixels) throw new Error('no image, or too many pixels');
  const image = await primary.decode();
  parentPort?.postMessage({ width: image.width, height: image.height, data: image.data }, [image.data.buffer as ArrayBuffer]);
} finally {
  images.dispose();
}
