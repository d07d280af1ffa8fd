// Pictograms for the easy-to-read documents, drawn here with pdfkit's vector paths (no icon
// set copied): thick black strokes on white, simple enough to read at a glance and to
// photocopy. Each draws in a `size`-point square whose top-left corner is (x, y).
import type { PictogramName } from '../kit-schema.ts';

type Pdf = PDFKit.PDFDocument;
type Draw = (doc: Pdf, u: (n: number) => number, x: number, y: number) => void;

const pictograms: Record<PictogramName, Draw> = {
  sun(doc, u, x, y) {
    doc.circle(x + u(50), y + u(50), u(19)).stroke();
    for (let i = 0; i < 8; i++) {
      const angle = (i * Math.PI) / 4;
      const [c, s] = [Math.cos(angle), Math.sin(angle)];
      doc
        .moveTo(x + u(50 + 29 * c), y + u(50 + 29 * s))
        .lineTo(x + u(50 + 44 * c), y + u(50 + 44 * s))
        .stroke();
    }
  },
  thermometer(doc, u, x, y) {
    doc.roundedRect(x + u(40), y + u(6), u(20), u(62), u(10)).stroke();
    doc.circle(x + u(50), y + u(78), u(15)).fillAndStroke();
    doc.rect(x + u(46), y + u(30), u(8), u(40)).fill();
    for (const t of [18, 32, 46])
      doc
        .moveTo(x + u(64), y + u(t))
        .lineTo(x + u(76), y + u(t))
        .stroke();
  },
  water(doc, u, x, y) {
    doc.polygon(
      [x + u(24), y + u(18)],
      [x + u(76), y + u(18)],
      [x + u(68), y + u(92)],
      [x + u(32), y + u(92)],
    );
    doc.stroke();
    doc.polygon(
      [x + u(28), y + u(48)],
      [x + u(72), y + u(48)],
      [x + u(68), y + u(92)],
      [x + u(32), y + u(92)],
    );
    doc.fill();
    doc
      .moveTo(x + u(50), y + u(0))
      .bezierCurveTo(x + u(42), y + u(8), x + u(42), y + u(12), x + u(50), y + u(12));
    doc.bezierCurveTo(x + u(58), y + u(12), x + u(58), y + u(8), x + u(50), y + u(0)).fill();
  },
  house(doc, u, x, y) {
    doc.polygon([x + u(8), y + u(48)], [x + u(50), y + u(10)], [x + u(92), y + u(48)]).stroke();
    doc.polygon(
      [x + u(20), y + u(40)],
      [x + u(20), y + u(90)],
      [x + u(80), y + u(90)],
      [x + u(80), y + u(40)],
    );
    doc.stroke();
    doc.rect(x + u(42), y + u(62), u(16), u(28)).fill();
  },
  phone(doc, u, x, y) {
    doc.roundedRect(x + u(28), y + u(6), u(44), u(88), u(8)).stroke();
    doc
      .moveTo(x + u(28), y + u(20))
      .lineTo(x + u(72), y + u(20))
      .stroke();
    doc
      .moveTo(x + u(28), y + u(76))
      .lineTo(x + u(72), y + u(76))
      .stroke();
    doc.circle(x + u(50), y + u(85), u(3.5)).fill();
  },
  people(doc, u, x, y) {
    for (const [cx, r] of [
      [32, 1],
      [68, 1],
    ] as const) {
      doc.circle(x + u(cx), y + u(30), u(12 * r)).stroke();
      doc
        .moveTo(x + u(cx - 20), y + u(90))
        .lineTo(x + u(cx - 20), y + u(70))
        .bezierCurveTo(
          x + u(cx - 20),
          y + u(52),
          x + u(cx + 20),
          y + u(52),
          x + u(cx + 20),
          y + u(70),
        )
        .lineTo(x + u(cx + 20), y + u(90))
        .stroke();
    }
  },
  snowflake(doc, u, x, y) {
    for (let i = 0; i < 6; i++) {
      const angle = (i * Math.PI) / 3 - Math.PI / 2;
      const point = (r: number, turn = 0) =>
        [x + u(50 + r * Math.cos(angle + turn)), y + u(50 + r * Math.sin(angle + turn))] as const;
      doc
        .moveTo(...point(0))
        .lineTo(...point(44))
        .stroke();
      doc
        .moveTo(...point(34, 0.32))
        .lineTo(...point(26))
        .lineTo(...point(34, -0.32))
        .stroke();
    }
  },
  calendar(doc, u, x, y) {
    doc.roundedRect(x + u(10), y + u(16), u(80), u(74), u(6)).stroke();
    doc.rect(x + u(10), y + u(16), u(80), u(18)).fill();
    for (const cx of [30, 70])
      doc
        .moveTo(x + u(cx), y + u(6))
        .lineTo(x + u(cx), y + u(24))
        .stroke();
    for (const row of [48, 70])
      for (const col of [28, 50, 72]) doc.rect(x + u(col - 6), y + u(row - 6), u(12), u(12)).fill();
  },
  food(doc, u, x, y) {
    doc.circle(x + u(50), y + u(54), u(26)).stroke();
    doc.circle(x + u(50), y + u(54), u(15)).stroke();
    doc
      .moveTo(x + u(10), y + u(20))
      .lineTo(x + u(10), y + u(88))
      .stroke();
    for (const t of [5, 15])
      doc
        .moveTo(x + u(t), y + u(20))
        .lineTo(x + u(t), y + u(38))
        .stroke();
    doc
      .moveTo(x + u(5), y + u(38))
      .lineTo(x + u(15), y + u(38))
      .stroke();
    doc
      .moveTo(x + u(90), y + u(88))
      .lineTo(x + u(90), y + u(20))
      .bezierCurveTo(x + u(80), y + u(30), x + u(80), y + u(50), x + u(90), y + u(52))
      .stroke();
  },
  coat(doc, u, x, y) {
    doc.polygon(
      [x + u(36), y + u(10)],
      [x + u(14), y + u(22)],
      [x + u(6), y + u(70)],
      [x + u(20), y + u(72)],
      [x + u(26), y + u(44)],
      [x + u(26), y + u(92)],
      [x + u(74), y + u(92)],
      [x + u(74), y + u(44)],
      [x + u(80), y + u(72)],
      [x + u(94), y + u(70)],
      [x + u(86), y + u(22)],
      [x + u(64), y + u(10)],
      [x + u(50), y + u(24)],
    );
    doc.stroke();
    doc
      .moveTo(x + u(50), y + u(24))
      .lineTo(x + u(50), y + u(92))
      .stroke();
    for (const t of [42, 58, 74]) doc.circle(x + u(57), y + u(t), u(3)).fill();
  },
};

/** Draws the pictogram `name` in a `size`-point square at (x, y). */
export function drawPictogram(doc: Pdf, name: PictogramName, x: number, y: number, size: number) {
  const u = (n: number) => (n * size) / 100;
  doc
    .save()
    .lineWidth(u(6))
    .lineCap('round')
    .lineJoin('round')
    .strokeColor('black')
    .fillColor('black');
  pictograms[name](doc, u, x, y);
  doc.restore();
}
