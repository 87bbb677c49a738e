import type { Auth } from '../auth/guard.js';
import type { HttpServer } from '../http/server.js';
import type { VehiclesService } from './service.js';

export function registerVehicleRoutes(_app: HttpServer, _deps: { auth: Auth; vehicles: VehiclesService }) {
  // TODO(vehicles): CRUD routes
}
