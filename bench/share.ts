import { readFileSync } from 'node:fs';
import { deflateSync, strToU8 } from 'fflate';
import { parseDiagram } from '../src/model/parse';
import type { Diagram } from '../src/model/schema';
import { toBase64Url } from '../src/share/bytes';
import { generateDiagram } from '../src/share/fixtures/generate';
import { encodeLink, LINK_FORMAT } from '../src/share/link';
import { measureInBrowser } from './share-browser';
import { measureDecoding } from './share-decode';

/**
 * `npm run -s bench:share [-- --json]`: the length of our share link beside the naive baseline, React
 * Flow's own state (nodes with type/position/data/measured…, edges with source/target/data…) as JSON,
 * deflated at level 9 and base64url-encoded, for the 20-service reference and a 100-service diagram;
 * then the time and memory decoding takes for decompression bombs and the largest links that open
 * (share-decode.ts).
 */
function reactFlowState(d: Diagram) {
  const { services, edges, notes, faults, run, viewport, ...meta } = d;
  return {
    nodes: [
      ...services.map((s) => ({
        id: s.id,
        type: 'service',
        position: s.position,
        data: { ...s },
        measured: { width: 180, height: 64 },
        selected: false,
        dragging: false,
      })),
      ...notes.map((n) => ({
        id: n.id,
        type: 'note',
        position: n.position,
        data: { ...n },
        measured: { width: n.width, height: n.height },
        selected: false,
        dragging: false,
      })),
    ],
    edges: edges.map((e) => ({
      id: e.id,
      source: e.from,
      target: e.to,
      sourceHandle: 'out',
      targetHandle: 'in',
      type: e.kind,
      data: { ...e },
      animated: false,
      selected: false,
    })),
    viewport: viewport ?? { x: 0, y: 0, zoom: 1 },
    meta,
    faults,
    run,
  };
}

const naiveLink = (d: Diagram) =>
  toBase64Url(deflateSync(strToU8(JSON.stringify(reactFlowState(d))), { level: 9 })).length;
const jsonLink = (d: Diagram) => toBase64Url(deflateSync(strToU8(JSON.stringify(d)), { level: 9 })).length;

function reference20(): Diagram {
  const parsed = parseDiagram(
    JSON.parse(readFileSync(new URL('./diagrams/reference-20.json', import.meta.url), 'utf8')),
  );
  if (!parsed.ok) throw new Error('bench/diagrams/reference-20.json is not a valid diagram');
  return parsed.diagram;
}

function measure(d: Diagram) {
  const started = performance.now();
  const runs = 200;
  let link = '';
  for (let i = 0; i < runs; i++) link = encodeLink(d);
  const encodeMs = (performance.now() - started) / runs;
  return {
    services: d.services.length,
    edges: d.edges.length,
    ours: link.length + 1, // with its '#'
    // As the Share dialog makes it: with the author's viewport.
    oursWithViewport: encodeLink({ ...d, viewport: { x: -123.4, y: 87.6, zoom: 0.8734 } }).length + 1,
    naive: naiveLink(d) + 1,
    deflatedDiagramJson: jsonLink(d) + 1,
    ratio: Number((naiveLink(d) / link.length).toFixed(2)),
    encodeMs: Number(encodeMs.toFixed(3)),
  };
}

const results = {
  linkFormat: LINK_FORMAT,
  reference20: measure(reference20()),
  generated100: measure(generateDiagram(100)),
};
const decoding = measureDecoding();
const browser = process.argv.includes('--no-browser') ? null : await measureInBrowser();
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ ...results, decoding, browser }, null, 2));
} else {
  for (const [name, r] of Object.entries(results)) {
    if (typeof r === 'number') continue;
    console.log(
      `${name.padEnd(13)} ${String(r.services).padStart(3)} services ${String(r.edges).padStart(3)} edges   link m${LINK_FORMAT} ${String(r.ours).padStart(5)} chars (${r.oursWithViewport} with a viewport)   naive React Flow JSON ${String(r.naive).padStart(6)}   deflated diagram JSON ${String(r.deflatedDiagramJson).padStart(6)}   ${r.ratio}× smaller   encode ${r.encodeMs} ms`,
    );
  }
}
if (!process.argv.includes('--json')) {
  console.log('\ndecoding (in process: median of 5; CLI: share --decode - in a fresh Node, start included)');
  for (const d of decoding) {
    console.log(
      `${d.name.padEnd(64)} ${String(d.chars).padStart(7)} chars  ${d.opens ? 'opens  ' : 'refused'}  unpacked ${String(d.inflatedBytes).padStart(8)} B  decode ${String(d.decodeMs).padStart(7)} ms   CLI ${d.cliSeconds} s, ${d.cliMaxRssMb} MB`,
    );
  }
}
if (!process.argv.includes('--json') && browser) {
  console.log(
    '\nin the browser (built app, median of 3): editor = address set → refusal notice (or the diagram);' +
      ' embed = navigation → its message (or the diagram), page load included',
  );
  for (const b of browser) {
    console.log(
      `${b.name.padEnd(64)} ${String(b.chars).padStart(7)} chars  editor ${String(b.editorMs).padStart(5)} ms   embed ${String(b.embedMs).padStart(5)} ms`,
    );
  }
}
