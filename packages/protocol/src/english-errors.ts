import { z } from 'zod/mini';

/**
 * Imported for its effect by the server (`@yam/protocol/english-errors`): zod/mini carries
 * no error texts, so a refused frame's issue reads "Invalid input"; with the English
 * locale it names the rule ("Too big: expected string to have <=100 characters"), for the
 * server's `error` replies and logs. The checks are the same either way; the web app
 * leaves it out (its users never see library messages).
 */
z.config(z.locales.en());
