// Customers are too many to load whole (a coach maker's after-sales serves thousands of fleets):
// pickers search the server (code, name, pinyin initials, either script) and lists ask for the
// names of the customers they show only.
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, type Res } from '../../api/client';
import { useServerSearch } from '../../lib/useServerSearch';

type Customer = Res<'/customers'>['items'][number];
const label = (c: Customer) => `${c.code} ${c.name}`;

/** The customers of these ids (archived included), for the names a list shows. */
export function useCustomersById(ids: readonly (number | null | undefined)[]) {
  const uniq = [...new Set(ids.filter((id): id is number => typeof id === 'number'))].sort((a, b) => a - b).slice(0, 500);
  const { data } = useQuery({
    queryKey: ['customers', 'byId', uniq],
    enabled: uniq.length > 0,
    staleTime: 60_000,
    queryFn: async () => (await apiGet('/customers', { ids: uniq, includeArchived: true, limit: 500 })).items,
  });
  return new Map((data ?? []).map((c) => [c.id, c]));
}

/** Controlled by antd Form: value is a customer id; the server is searched as the user types. */
export function CustomerSelect(props: { value?: number; onChange?: (id: number | undefined) => void; id?: string; allowClear?: boolean; 'data-testid'?: string }) {
  const { t } = useTranslation();
  const found = useServerSearch('customers', async (q) => (await apiGet('/customers', { q, limit: 20 })).items);
  // The chosen customer keeps its label when the search moves on, and a value set by the form
  // (editing a record) gets its label even when the first page of the search lacks it.
  const known = useCustomersById([props.value]);
  const chosen = props.value !== undefined ? known.get(props.value) : undefined;
  const listed = found.data ?? [];
  const options = [...(chosen && !listed.some((c) => c.id === chosen.id) ? [chosen] : []), ...listed].map((c) => ({ value: c.id, label: label(c) }));
  return (
    <Select
      id={props.id}
      showSearch={{ filterOption: false, onSearch: found.setSearch }}
      value={props.value}
      placeholder={t('service.common.pickCustomer')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : t('common.noData')}
      options={options}
      onChange={(id: number | undefined) => {
        found.setSearch('');
        props.onChange?.(id);
      }}
      allowClear={props.allowClear}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      data-testid={props['data-testid']}
    />
  );
}
