import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../../config.js';
import { tooManyRequests } from '../../http/app-error.js';
import { codeKey, draftTokenOf, langOf } from './questionnaire-request.js';
import { questionnaireT } from './questionnaire-texts.js';

export interface QuestionnaireLimits {
  addressCeiling: RequestHandler;
  perCode: RequestHandler;
  perDraft: RequestHandler;
  wrongCodePerPrefix: RequestHandler;
  wrongCodePerAddress: RequestHandler;
}

/**
 * Respondents behind one carrier address are many: each draft and each access code gets its own
 * allowance, and the address only a high ceiling. 0 turns a limit off (load tests).
 */
function perMinute(limit: number, keyGenerator?: (req: Request) => string | null): RequestHandler {
  if (limit <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, _res, next) => next(tooManyRequests(questionnaireT[langOf(req)]('rateLimited'))),
    // Without a code or a draft, only the address's ceiling applies.
    skip: (req) => keyGenerator?.(req) === null,
    ...(keyGenerator ? { keyGenerator: (req: Request) => keyGenerator(req) ?? '' } : {}),
  });
}

/**
 * Guessing codes: every wrong code counts against the code's first group (one attacker spread
 * over many addresses) and against the address; a right code is not counted.
 */
function wrongCodes(limit: number, keyGenerator?: (req: Request) => string): RequestHandler {
  return rateLimit({
    windowMs: 15 * 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    requestWasSuccessful: (_req, res) => res.statusCode !== 422,
    skipSuccessfulRequests: true,
    handler: (req, _res, next) => next(tooManyRequests(questionnaireT[langOf(req)]('codeGuessLimited'))),
    // A start without a code (an open link, or the box left empty) guesses nothing. Counted, every
    // such start shared one key and was counted while in flight: a burst of open-link
    // respondents was refused as guessing.
    skip: (req) => codeKey(req) === null,
    ...(keyGenerator ? { keyGenerator } : {}),
  });
}

/** The respondents' rate limits, as the configuration sets them. */
export function questionnaireLimits(config: Config): QuestionnaireLimits {
  return {
    addressCeiling: perMinute(config.submitAddressRatePerMinute),
    perCode: perMinute(config.submitRatePerMinute, (req) => {
      const code = codeKey(req);
      return code === null ? null : `code:${code}`;
    }),
    perDraft: perMinute(config.submitRatePerMinute, (req) => {
      const token = draftTokenOf(req);
      return token === null ? null : `draft:${token}`;
    }),
    wrongCodePerPrefix: wrongCodes(config.codeFailuresPer15Min, (req) => `prefix:${(codeKey(req) ?? '').slice(0, 5)}`),
    wrongCodePerAddress: wrongCodes(config.codeAddressFailuresPer15Min),
  };
}
