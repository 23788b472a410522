export { identityFromSession, issueTokenFor, signInWithPassword } from './accounts';
export { bearerToken, identityFromBearer } from './bearer';
export { ANONYMOUS_USER_ID, type Identity } from './identity';
export { resolveIdentity } from './resolve';
export { auth, handlers, signIn, signOut } from './session';
export { createLocalUser, registerLocalAccount } from './registration';
export { findUserById, publicProfile, registrationSchema, type User, type UserDocument } from './users';
