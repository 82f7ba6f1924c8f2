/** The poster's QR code: an SVG of the campaign page's address (our own URL, no input of the reader's). */
export async function qrSvg(url: string): Promise<string> {
  // Loaded when a poster is first printed, not in every portal's memory from the start.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}
