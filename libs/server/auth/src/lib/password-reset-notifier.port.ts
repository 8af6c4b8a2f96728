export interface PasswordResetRequest {
  userId: string;
  email: string;
  displayName: string;
  /** The plain token: the only copy outside the person's inbox. Never log it. */
  token: string;
  expiresAt: Date;
}

/** Delivers a password reset token to the person who owns the account (email, later). */
export interface PasswordResetNotifier {
  passwordResetRequested(request: PasswordResetRequest): Promise<void>;
}

export const PASSWORD_RESET_NOTIFIER = Symbol('PASSWORD_RESET_NOTIFIER');
