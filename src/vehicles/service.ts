/**
 * @module The vehicle register (軽自テーブル): what other capabilities may ask of it. Its own
 * use cases (declarations, changes, deregistration) arrive with the register.
 */

// Within a caller's transaction: how many vehicles are current (the status page).
export { countCurrentVehicles } from './repository.js';
