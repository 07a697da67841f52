import { Badge } from '@strapi/design-system';

type Tone = 'success' | 'neutral' | 'danger' | 'warning' | 'primary';

/**
 * A status badge in colours that keep a readable contrast (WCAG AA): the design
 * system's "active" badge does not on a white row.
 */
export function Tone({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return (
    // The palette's darkest warning text is too light on its own background: dark text there.
    <Badge textColor={tone === 'warning' ? 'neutral800' : `${tone}700`} backgroundColor={`${tone}100`}>
      {children}
    </Badge>
  );
}
