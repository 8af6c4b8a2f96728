import { type DynamicModule, Module } from '@nestjs/common';
import { AccountService } from './account.service';
import { AccountSessionsRepository } from './account-sessions.repository';
import { AuthController } from './auth.controller';
import { AuthGuardsModule } from './auth-guards.module';
import { AUTH_SETTINGS, type AuthModuleOptions, authSettings } from './auth-options';
import { CredentialsStore } from './credentials.store';
import { DirectoryRepository } from './directory.repository';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { LoggingPasswordResetNotifier } from './logging-password-reset.notifier';
import { PASSWORD_RESET_NOTIFIER } from './password-reset-notifier.port';
import { PasswordResetService } from './password-reset.service';
import { SessionSweeper } from './session-sweeper';
import { SignInService } from './sign-in.service';

/**
 * Sign-in, sessions, password reset and invitation acceptance under
 * `/api/auth` and `/api/workspaces/:ws/invitations`. Needs `PG_POOL` and
 * `EVENT_STORE` from a global module, and cookie-parser on the app.
 */
@Module({})
export class AuthModule {
  static register(options: AuthModuleOptions = {}): DynamicModule {
    return {
      module: AuthModule,
      imports: [AuthGuardsModule],
      controllers: [AuthController, InvitationsController],
      providers: [
        { provide: AUTH_SETTINGS, useValue: authSettings(options) },
        { provide: PASSWORD_RESET_NOTIFIER, useValue: options.passwordResetNotifier ?? new LoggingPasswordResetNotifier() },
        CredentialsStore,
        DirectoryRepository,
        AccountSessionsRepository,
        SignInService,
        AccountService,
        PasswordResetService,
        InvitationsService,
        SessionSweeper,
      ],
      exports: [CredentialsStore],
    };
  }
}
