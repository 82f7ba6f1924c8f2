/** Small real files for upload tests. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(64, 0x20), Buffer.from([0xff, 0xd9])]);
export const TEXT = Buffer.from('My request of 1 November and the bank’s answer of 20 November.\n', 'utf8');
export const PDF_WITH_JAVASCRIPT = Buffer.from('%PDF-1.4\n1 0 obj\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\n%%EOF\n', 'latin1');
export const PNG_WITH_HTML = Buffer.concat([PNG, Buffer.from('<script>alert(1)</script>')]);
export const HTML = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');
