import type { Auth } from '../auth/guard.js';
import type { HttpServer } from '../http/server.js';
import type { ChecklistService } from './service.js';

export function registerChecklistRoutes(_app: HttpServer, _deps: { auth: Auth; checklist: ChecklistService }) {
  // TODO(checklist): routes
}
