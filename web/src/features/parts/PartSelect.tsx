// A part picker that searches the server (code, name, spec, barcode, pinyin initials).
import { useState, type CSSProperties } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, type Res } from '../../api/client';
import { partQuery } from '../../lib/lookups';
import { useServerSearch } from '../../lib/useServerSearch';

export type Part = Res<'/parts'>['items'][number];

export function partLabel(p: { code: string; name: string; spec?: string | null }): string {
  return `${p.code} ${p.name}${p.spec ? ` ${p.spec}` : ''}`;
}

/** The first parts the server finds for what is typed. */
const usePartSearch = () => useServerSearch('parts', async (q) => (await apiGet('/parts', { q, limit: 20 })).items);

/** Controlled by antd Form: value is a part id; onPart reports the chosen part. */
export function PartSelect(props: { value?: number; onChange?: (id: number | undefined) => void; onPart?: (p: Part | undefined) => void; id?: string; status?: '' | 'error' }) {
  const { t } = useTranslation();
  const { data, isFetching, setSearch } = usePartSearch();
  const [chosen, setChosen] = useState<Part | undefined>();
  // A value set from outside (a scanned barcode) that the list lacks: fetch its label.
  const listed = (id: number) => !!data?.some((p) => p.id === id) || chosen?.id === id;
  const missing = useQuery({ ...partQuery(props.value ?? 0), enabled: props.value != null && !!data && !listed(props.value) });
  const extra = [chosen, missing.data?.id === props.value ? (missing.data as Part | undefined) : undefined].filter((p): p is Part => !!p && !data?.some((d) => d.id === p.id));
  const options = [...extra, ...(data ?? [])].map((p) => ({ value: p.id, label: partLabel(p), part: p }));
  return (
    <Select
      id={props.id}
      status={props.status}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={props.value}
      placeholder={t('common.selectPart')}
      notFoundContent={isFetching ? <Spin size="small" /> : t('common.noData')}
      options={options}
      onChange={(id: number | undefined, opt) => {
        const p = (Array.isArray(opt) ? undefined : (opt as { part?: Part } | undefined)?.part) ?? undefined;
        setChosen(p);
        props.onChange?.(id);
        props.onPart?.(p);
      }}
      allowClear
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}

/** Several parts (e.g. the ones a count sheet covers); the chosen keep their labels while the search moves on. */
export function PartsSelect(props: { value: number[]; onChange: (ids: number[]) => void; placeholder?: string; style?: CSSProperties; 'data-testid'?: string }) {
  const { t } = useTranslation();
  const { data, isFetching, setSearch } = usePartSearch();
  const [chosen, setChosen] = useState<Part[]>([]);
  const options = [...chosen.filter((p) => !data?.some((d) => d.id === p.id)), ...(data ?? [])].map((p) => ({ value: p.id, label: partLabel(p), part: p }));
  return (
    <Select<number[]>
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={props.value}
      placeholder={props.placeholder ?? t('common.selectPart')}
      notFoundContent={isFetching ? <Spin size="small" /> : t('common.noData')}
      options={options}
      onChange={(ids, opts) => {
        const picked = (Array.isArray(opts) ? opts : []).map((o) => (o as { part?: Part }).part).filter((p): p is Part => !!p);
        setChosen((c) => [...c, ...picked].filter((p, i, all) => ids.includes(p.id) && all.findIndex((x) => x.id === p.id) === i));
        setSearch('');
        props.onChange(ids);
      }}
      allowClear
      maxTagCount={3}
      style={props.style}
      popupMatchSelectWidth={false}
      data-testid={props['data-testid']}
    />
  );
}
