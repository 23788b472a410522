export { ANONYMOUS_USER_ID, type Identity } from './identity';
export { bearerToken, identityFromBearer, identityFromSession, issueTokenFor, resolveIdentity, setSessionResolver, signInWithPassword } from './resolve';
export { createLocalUser, findUserById, publicProfile, registrationSchema, type User, type UserDocument } from './users';
