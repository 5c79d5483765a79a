import { describe, expect, it } from 'vitest';
import { decodePageIdentity, encodePageIdentity } from './qr-payload.js';

describe('the QR text of a form page', () => {
  it('round-trips survey, version, language, serial, access code and page', () => {
    const p = { survey: 'sipas-2023', version: '2023.1', lang: 'vi' as const, serial: 'HN_01-000042', code: '2R98F-28V6E', page: 3 };
    expect(decodePageIdentity(encodePageIdentity(p))).toEqual(p);
  });

  it('refuses texts that are not one of our pages', () => {
    expect(decodePageIdentity('https://example.org')).toBeNull();
    expect(decodePageIdentity('SIPAS1|s|1|fr|A|B|1')).toBeNull();
    expect(decodePageIdentity('SIPAS1|s|1|vi|A|B|0')).toBeNull();
    expect(decodePageIdentity('SIPAS1|s|1|vi||B|1')).toBeNull();
  });
});
