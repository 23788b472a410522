'use client';

import { forwardRef, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { cn } from './cn';
import { useField } from './field';

/** The look every text-like control shares; `aria-invalid` turns the border red. */
export const controlClasses =
  'block w-full rounded-theme border border-line bg-surface px-3 py-2 text-sm text-fg placeholder:text-fg-muted outline-none focus-visible:border-accent aria-invalid:border-danger disabled:opacity-60';

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input({ className, ...props }, ref) {
  return <input ref={ref} {...useField()} {...props} className={cn(controlClasses, 'h-10', className)} />;
});

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(function Textarea({ className, ...props }, ref) {
  return <textarea ref={ref} {...useField()} {...props} className={cn(controlClasses, 'min-h-24', className)} />;
});
