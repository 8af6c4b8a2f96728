import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '@trailmark/auth';

/** Runs after SessionGuard: platform admins only. */
@Injectable()
export class PlatformAdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (!context.switchToHttp().getRequest<AuthenticatedRequest>().principal?.platformAdmin) {
      throw new ForbiddenException('Only platform admins may do this');
    }
    return true;
  }
}
