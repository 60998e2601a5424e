import QRCode from 'qrcode';

/** The login URL the bot stored, drawn as an SVG QR code the admin scans with the bot's WeChat. */
export function qrSvg(text: string): Promise<string> {
  // Scanners want a quiet zone of four modules; M recovers a smudged phone screen and stays small.
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, width: 280 });
}
