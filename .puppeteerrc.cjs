// whatsapp-web.js drives Chromium through puppeteer. No browser is downloaded at install
// time: the bot uses the system's Chromium (Debian: `apt-get install chromium`), see
// CHROMIUM_PATH in the README.
module.exports = { skipDownload: true };
