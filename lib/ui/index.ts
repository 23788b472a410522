// The UI kit: the shell, every shipped plugin page and scaffolded plugins build their pages from these,
// on Radix primitives (keyboard, focus and ARIA handled) coloured by the theme's CSS variables.
// docs/plugins.md shows a plugin page using it; /dev/ui shows every component in each theme.
export { Badge, type BadgeTone } from './badge';
export { Button, buttonClasses, type ButtonProps, type ButtonSize, type ButtonVariant } from './button';
export { Card, CardContent, CardHeader } from './card';
export { Checkbox, Switch } from './checkbox';
export { cn } from './cn';
export { Combobox } from './combobox';
export { DatePicker, fromIsoDay, toIsoDay } from './date-picker';
export { ConfirmDialog, Dialog } from './dialog';
export { EmptyState } from './empty-state';
export { Field, useField } from './field';
export { controlClasses, Input, Textarea } from './input';
export { DropdownMenu, Tooltip, type MenuItem } from './menu';
export { LazySelect } from './lazy-select';
export { useLazyModule } from './lazy';
export { Select, type SelectOption } from './select';
export { Skeleton, SkeletonList } from './skeleton';
export { Table, TBody, TD, TH, THead, TR } from './table';
export { Tabs, type TabItem } from './tabs';
export { toast, Toaster, type ToastTone } from './toast';
