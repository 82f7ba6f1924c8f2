/**
 * The routes a router serves, read from Express's own route stack (sub-routers included), so tests can
 * cover every route — including ones added later — without a hand-kept list.
 */
import type { Express, Router } from 'express';
import { MOUNTS } from './paths.ts';

export interface RouteEntry {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

export function routeTable(router: Router, prefix = ''): RouteEntry[] {
  const entries: RouteEntry[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, enabled] of Object.entries(layer.route.methods))
          if (enabled && method !== '_all') entries.push({ method: method.toUpperCase(), path: `${prefix}${layer.route.path}` });
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return entries;
}

/** Every route the portal serves, for tests that must cover all of them (security suite, paths registry). */
export function describeRoutes(app: Express, routers: { reading: Router; forms: Router; staff: Router; probes: Router }): void {
  app.locals.staffRoutes = routeTable(routers.staff, MOUNTS.staff);
  app.locals.routes = [
    ...routeTable(routers.reading, MOUNTS.language),
    ...routeTable(routers.forms, MOUNTS.language),
    ...(app.locals.staffRoutes as RouteEntry[]),
  ];
  // The probes answer machines, not people (no language, no session): kept apart from the security suite's routes.
  app.locals.probeRoutes = routeTable(routers.probes, '');
}
