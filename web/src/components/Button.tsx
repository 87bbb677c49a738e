import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Link, type LinkProps } from 'react-router';
import { Icon, type IconName } from './Icon';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

interface Look {
  variant?: ButtonVariant;
  /** full width (the default on phones for primary actions) */
  block?: boolean;
  icon?: IconName;
  iconAfter?: IconName;
}

function classes({ variant = 'primary', block }: Look, extra?: string) {
  return ['btn', `btn-${variant}`, block ? 'btn-block' : '', extra ?? ''].filter(Boolean).join(' ');
}

function Content({ icon, iconAfter, children }: Look & { children: ReactNode }) {
  return (
    <>
      {icon && <Icon name={icon} />}
      <span>{children}</span>
      {iconAfter && <Icon name={iconAfter} />}
    </>
  );
}

export function Button({
  variant,
  block,
  icon,
  iconAfter,
  busy,
  busyText,
  className,
  children,
  type = 'button',
  disabled,
  ...rest
}: Look & ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean; busyText?: string }) {
  return (
    <button {...rest} type={type} className={classes({ variant, block }, className)} disabled={disabled || busy} aria-busy={busy || undefined}>
      {busy ? (
        <>
          <span className="spinner spinner-small" aria-hidden="true" />
          <span>{busyText ?? children}</span>
        </>
      ) : (
        <Content icon={icon} iconAfter={iconAfter}>
          {children}
        </Content>
      )}
    </button>
  );
}

/** A link that looks like a button (navigation, not an action). */
export function ButtonLink({ variant, block, icon, iconAfter, className, children, ...rest }: Look & LinkProps) {
  return (
    <Link {...rest} className={classes({ variant, block }, className)}>
      <Content icon={icon} iconAfter={iconAfter}>
        {children}
      </Content>
    </Link>
  );
}
