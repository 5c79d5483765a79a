/**
 * The form of a serial number, wherever one enters (keying screen, imported files, printed
 * access codes): letters, digits and . _ / -, starting with a letter or digit, at most 40
 * characters. It is what paper forms carry; it keeps markup, formulas and megabyte-long values
 * out of every page, report and export that shows a serial.
 */
export const SERIAL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;

export function isValidSerial(serial: string): boolean {
  return SERIAL_PATTERN.test(serial);
}

export const serialFormatMessage = {
  vi: 'số phiếu chỉ gồm chữ, số và . _ / - (tối đa 40 ký tự)',
  en: 'a serial holds letters, digits and . _ / - (at most 40 characters)',
} as const;
