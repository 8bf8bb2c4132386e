// One scan hook for every document form with part lines (receipt, issue, transfer, reserve):
// a keyboard-wedge burst anywhere on the form, or a camera read, resolves the part by barcode
// through GET /parts and adds a line, or adds one to the quantity of the line already holding it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormInstance } from 'antd';
import { apiGet, type Res } from '../../api/client';
import { errorMessage } from '../formErrors';
import { emptyWedge, feedKey, IDLE_GAP_MS, MAX_GAP_MS, partFieldCode } from './wedge';

export type ScannedPart = Res<'/parts'>['items'][number];

export type ScanState =
  | { kind: 'looking'; code: string }
  | { kind: 'added'; code: string; part: ScannedPart; qty: number; line: number; incremented: boolean }
  | { kind: 'unknown'; code: string }
  | { kind: 'error'; code: string; message: string };

type Line = { partId?: number; qty?: number };

/** The part whose barcode (else code) is exactly the scanned text; the search also matches names. */
export async function findByBarcode(code: string): Promise<ScannedPart | null> {
  const c = code.trim();
  const items = (await apiGet('/parts', { q: c, limit: 20 })).items;
  return items.find((p) => p.barcode === c) ?? items.find((p) => p.code.toLowerCase() === c.toLowerCase()) ?? null;
}

const plusOne = (q: number | undefined) => Math.round(((q ?? 0) + 1) * 1000) / 1000;

/** The line index of a focused line field (antd names them lines_3_partId). */
function lineOf(el: Element | null): number | undefined {
  const m = el?.id ? /^lines_(\d+)_/.exec(el.id) : null;
  return m ? Number(m[1]) : undefined;
}

/** The search text of a focused line part field (antd names them lines_3_partId), else null. */
function partFieldValue(el: Element | null): string | null {
  return el instanceof HTMLInputElement && /^lines_\d+_partId$/.test(el.id) ? el.value : null;
}

/** What the burst typed into the focused field before it was recognised as a scan. */
function snapshot(el: Element | null) {
  return el instanceof HTMLInputElement ? { el, value: el.value } : null;
}

function undoTyping(s: { el: HTMLInputElement; value: string } | null) {
  if (!s || !s.el.isConnected) return;
  if (s.el.closest('.ant-select')) {
    // A select's search box: leaving it drops the typed text and closes its list.
    s.el.blur();
    return;
  }
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(s.el, s.value);
  s.el.dispatchEvent(new Event('input', { bubbles: true }));
}

export function useLineScan<V extends { lines: Line[] }>(form: FormInstance<V>) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<ScanState | null>(null);
  const seq = useRef(0);

  const addPart = useCallback(
    (part: ScannedPart, code: string, preferLine?: number) => {
      const lines: Line[] = (((form as FormInstance).getFieldValue('lines') as Line[] | undefined) ?? []).map((l) => ({ ...l }));
      let i = lines.findIndex((l) => l.partId === part.id);
      const incremented = i >= 0;
      if (incremented) {
        lines[i].qty = plusOne(lines[i].qty);
      } else {
        i = preferLine !== undefined && lines[preferLine] && !lines[preferLine].partId ? preferLine : lines.findIndex((l) => !l.partId);
        if (i < 0) {
          lines.push({});
          i = lines.length - 1;
        }
        lines[i] = { ...lines[i], partId: part.id, qty: lines[i].qty ?? 1 };
      }
      form.setFieldsValue({ lines } as never);
      form.setFields([
        { name: ['lines', i, 'partId'], errors: [] },
        { name: ['lines', i, 'qty'], errors: [] },
      ] as never);
      setState({ kind: 'added', code, part, qty: lines[i].qty!, line: i, incremented });
    },
    [form],
  );

  const scan = useCallback(
    async (raw: string, preferLine?: number) => {
      const code = raw.trim();
      if (!code) return;
      const mine = ++seq.current;
      setState({ kind: 'looking', code });
      try {
        const part = await findByBarcode(code);
        if (mine !== seq.current && !part) return;
        if (part) addPart(part, code, preferLine);
        else setState({ kind: 'unknown', code });
      } catch (err) {
        setState({ kind: 'error', code, message: errorMessage(err) });
      }
    },
    [addPart],
  );

  useEffect(() => {
    const wedge = emptyWedge();
    let typedInto: ReturnType<typeof snapshot> = null;
    const onKey = (e: KeyboardEvent) => {
      const root = containerRef.current;
      const target = e.target as Node | null;
      const onForm = !!root && !!target && (target === document.body || root.contains(target));
      if (!onForm || e.isComposing || e.ctrlKey || e.altKey || e.metaKey) {
        wedge.chars = '';
        return;
      }
      const el = document.activeElement;
      const typing = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable);
      const maxGap = typing ? MAX_GAP_MS : IDLE_GAP_MS;
      if (e.key.length === 1 && (wedge.chars === '' || e.timeStamp - wedge.last > maxGap)) typedInto = snapshot(el);
      const burst = feedKey(wedge, e.key, e.timeStamp, maxGap);
      const field = e.key === 'Enter' ? partFieldValue(document.activeElement) : null;
      const code = field === null ? burst : partFieldCode(burst, field);
      if (!code) return;
      if (!typedInto && document.activeElement instanceof HTMLInputElement) typedInto = { el: document.activeElement, value: '' };
      // Seen before antd's own Enter handling (a select would pick its first option).
      e.preventDefault();
      e.stopPropagation();
      const line = lineOf(document.activeElement);
      undoTyping(typedInto);
      typedInto = null;
      void scan(code, line);
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [scan]);

  return { containerRef, state, scan, addPart, clear: () => setState(null) };
}

export type LineScan = ReturnType<typeof useLineScan>;
