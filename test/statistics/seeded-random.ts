// The golden datasets use the project's one seeded PRNG (mulberry32), under the name R users know.
export { seededRandom as mulberry32 } from '../helpers/random-answers.js';
