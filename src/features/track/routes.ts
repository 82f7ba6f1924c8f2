/**
 * /{lang}/track: a citizen's case space — signing in, the case page, messages and files, the decision, "download
 * everything", correcting one's contact details, withdrawing, asking to remove a register entry, signing out, and a lost access code. Wiring only: the pages are in pages/, the
 * session rules in session.ts, the rate limits in limits.ts.
 */
import { Router } from 'express';
import { routePath } from '../../http/paths.ts';
import type { TrackDeps } from './deps.ts';
import { trackLimits } from './limits.ts';
import { amendPost } from './pages/amend.ts';
import { casePage } from './pages/case.ts';
import { contactPage, contactPost } from './pages/contact.ts';
import { deregisterPage, deregisterPost } from './pages/deregister.ts';
import { downloadEverything } from './pages/download.ts';
import { decisionDownload, fileDownload } from './pages/files.ts';
import { lostCodePage, lostCodePost, resetPage, resetPost } from './pages/lost-code.ts';
import { sendMessage } from './pages/messages.ts';
import { signInPage, signInPost } from './pages/sign-in.ts';
import { signOut } from './pages/sign-out.ts';
import { withdrawPage, withdrawPost } from './pages/withdraw.ts';
import { noStore, requireCase } from './session.ts';

export function trackRoutes(deps: TrackDeps): Router {
  const router = Router({ mergeParams: true });
  const limits = trackLimits(deps);
  const signedIn = requireCase(deps.knex);

  router.get(routePath('track.signIn'), noStore, signInPage);
  router.post(routePath('track.signIn'), limits.perAddress, limits.perReferenceAndAddress, limits.perReference, signInPost(deps));

  router.get(routePath('track.case'), signedIn, casePage(deps));
  router.post(routePath('track.messages'), signedIn, deps.uploadParser.accept({ fields: ['files'] }), sendMessage(deps));
  router.get(routePath('track.file'), signedIn, fileDownload(deps, 'file'));
  router.get(routePath('track.fileOriginal'), signedIn, fileDownload(deps, 'original'));
  router.get(routePath('track.decision'), signedIn, decisionDownload(deps));
  router.get(routePath('track.download'), signedIn, downloadEverything(deps));
  router.get(routePath('track.withdraw'), signedIn, withdrawPage);
  router.post(routePath('track.withdraw'), signedIn, withdrawPost(deps));
  router.post(routePath('track.amend'), signedIn, amendPost(deps));
  router.get(routePath('track.deregister'), signedIn, deregisterPage(deps));
  router.post(routePath('track.deregister'), signedIn, deregisterPost(deps));
  router.get(routePath('track.contact'), signedIn, contactPage(deps));
  router.post(routePath('track.contact'), signedIn, contactPost(deps));
  router.post(routePath('track.signOut'), signOut);

  router.get(routePath('track.lost'), noStore, lostCodePage);
  router.post(routePath('track.lost'), limits.lostCode, lostCodePost(deps));
  router.get(routePath('track.reset'), noStore, resetPage);
  router.post(routePath('track.reset'), limits.perAddress, resetPost(deps));

  return router;
}
