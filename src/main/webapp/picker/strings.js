// @ts-check
/** Every text the picker shows, per language. Add a language by adding an object of the same keys. */

/** @typedef {typeof en} Strings */

const en = {
    loading: "Loading your accounts…",
    listLabel: (/** @type {string} */ app) => `Your ${app} accounts`,
    noAuthNeeded: (/** @type {string} */ app) => `${app} needs no account: nothing to choose.`,
    empty: (/** @type {string} */ app) => `No ${app} account is connected yet.`,
    connect: (/** @type {string} */ app) => `Connect ${app}`,
    connectAnother: "Connect another account",
    reconnect: "Reconnect",
    reconnectLabel: (/** @type {string} */ title) => `Reconnect ${title}`,
    expired: "Expired",
    sameTitle: (/** @type {string} */ id) => `account ${id}`,
    replaced: (/** @type {string} */ title) => `Reconnected: ${title} replaces the expired account.`,
    selected: (/** @type {string} */ title) => `Selected: ${title}`,
    waiting: "Finish connecting in the Zapier window…",
    connected: (/** @type {string} */ title) => `Connected and selected: ${title}`,
    nothingNew: "No new account was connected.",
    chooseNew: "Several new accounts were connected: choose the one to use.",
    blocked: "The Zapier window was blocked by your browser. Allow popups for this site, then try again.",
    tryAgain: "Try again",
    timeout: "Connecting took too long, so we stopped waiting. Try again when you are ready.",
    refused: "This app's connect link does not lead to Zapier, so it was not opened.",
    errorTitle: "Your accounts could not be loaded.",
    retry: "Retry",
    network: "The server could not be reached.",
    noApp: "No app is set on this picker.",
    accountNeeded: "Connect your Zapier account first: your app accounts live there.",
    zapierAccount: (/** @type {string} */ who) => `Zapier account: ${who}`,
    switchAccount: "Switch account",
    accountSwitched: (/** @type {string} */ who) => `You are now connected to another Zapier account than before: ${who}.`,
    connectAccount: "Connect your Zapier account",
    accountFailed: "Your Zapier account was not connected. Try again.",
    accountRefused: "The server did not give a sign-in page to open, so nothing was opened.",
    signInNeeded: "Sign in to use your Zapier accounts.",
    iconFallback: (/** @type {string} */ app) => `${app} icon`,
    // <zapier-action-inputs>
    formChooseAccount: "Choose an account above to see this action's fields.",
    formLoading: "Loading the fields…",
    formError: "The fields could not be loaded.",
    formRequired: "Required",
    formMissing: (/** @type {string} */ field) => `${field} is required.`,
    formNotANumber: (/** @type {string} */ field) => `${field} must be a number.`,
    formNotAnInteger: (/** @type {string} */ field) => `${field} must be a whole number.`,
    formNotADate: (/** @type {string} */ field) => `${field} must be a date and time.`,
    formNotJson: (/** @type {string} */ field) => `${field} must be key=value lines.`,
    formListHint: "One value per line.",
    formObjectHint: "One key=value per line.",
    formSearch: (/** @type {string} */ field) => `Search ${field}`,
    formNoChoices: "Nothing matches.",
    formMoreChoices: "Loading more…",
    formChoicesError: "The choices could not be loaded.",
    formUpdating: "Updating the fields…",
};

/** @type {Strings} */
const fr = {
    loading: "Chargement de vos comptes…",
    listLabel: (app) => `Vos comptes ${app}`,
    noAuthNeeded: (app) => `${app} ne demande pas de compte : rien à choisir.`,
    empty: (app) => `Aucun compte ${app} n’est encore connecté.`,
    connect: (app) => `Connecter ${app}`,
    connectAnother: "Connecter un autre compte",
    reconnect: "Reconnecter",
    reconnectLabel: (title) => `Reconnecter ${title}`,
    sameTitle: (id) => `compte ${id}`,
    replaced: (title) => `Reconnecté : ${title} remplace le compte expiré.`,
    expired: "Expiré",
    selected: (title) => `Sélectionné : ${title}`,
    waiting: "Terminez la connexion dans la fenêtre Zapier…",
    connected: (title) => `Connecté et sélectionné : ${title}`,
    nothingNew: "Aucun nouveau compte n’a été connecté.",
    chooseNew: "Plusieurs comptes ont été connectés : choisissez celui à utiliser.",
    blocked: "Votre navigateur a bloqué la fenêtre Zapier. Autorisez les fenêtres pour ce site, puis réessayez.",
    tryAgain: "Réessayer",
    timeout: "La connexion a pris trop de temps : nous avons cessé d’attendre. Réessayez quand vous serez prêt.",
    refused: "Le lien de connexion de cette application ne mène pas à Zapier : il n’a pas été ouvert.",
    errorTitle: "Vos comptes n’ont pas pu être chargés.",
    retry: "Réessayer",
    network: "Le serveur est injoignable.",
    noApp: "Aucune application n’est indiquée sur ce sélecteur.",
    accountNeeded: "Connectez d’abord votre compte Zapier : vos comptes d’applications s’y trouvent.",
    zapierAccount: (who) => `Compte Zapier : ${who}`,
    switchAccount: "Changer de compte",
    accountSwitched: (who) => `Vous êtes maintenant connecté à un autre compte Zapier qu’avant : ${who}.`,
    connectAccount: "Connecter votre compte Zapier",
    accountFailed: "Votre compte Zapier n’a pas été connecté. Réessayez.",
    accountRefused: "Le serveur n’a pas donné de page de connexion à ouvrir : rien n’a été ouvert.",
    signInNeeded: "Connectez-vous pour utiliser vos comptes Zapier.",
    iconFallback: (app) => `Icône de ${app}`,
    formChooseAccount: "Choisissez un compte ci-dessus pour voir les champs de cette action.",
    formLoading: "Chargement des champs…",
    formError: "Les champs n’ont pas pu être chargés.",
    formRequired: "Obligatoire",
    formMissing: (field) => `${field} est obligatoire.`,
    formNotANumber: (field) => `${field} doit être un nombre.`,
    formNotAnInteger: (field) => `${field} doit être un nombre entier.`,
    formNotADate: (field) => `${field} doit être une date et une heure.`,
    formNotJson: (field) => `${field} doit contenir des lignes clé=valeur.`,
    formListHint: "Une valeur par ligne.",
    formObjectHint: "Une paire clé=valeur par ligne.",
    formSearch: (field) => `Rechercher dans ${field}`,
    formNoChoices: "Aucun résultat.",
    formMoreChoices: "Chargement de la suite…",
    formChoicesError: "Les choix n’ont pas pu être chargés.",
    formUpdating: "Mise à jour des champs…",
};

const languages = /** @type {Record<string, Strings>} */ ({ en, fr });

/**
 * The strings for a language tag such as `fr-CA`, falling back to English.
 *
 * @param {string | null | undefined} lang
 * @returns {Strings}
 */
export function stringsFor(lang) {
    const primary = (lang ?? "").toLowerCase().split("-")[0];
    return languages[primary] ?? en;
}
