// A count line's variance (counted − system) as a tag: green over, red short, plain when equal.
import { Tag } from 'antd';
import { qty } from '../../lib/lookups';

export function VarianceTag({ system, counted }: { system: number; counted: number }) {
  const d = Math.round((counted - system) * 1000) / 1000;
  return d === 0 ? <Tag>0</Tag> : <Tag color={d > 0 ? 'green' : 'red'}>{d > 0 ? `+${qty(d)}` : qty(d)}</Tag>;
}
