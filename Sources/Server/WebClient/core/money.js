// Amounts as Telegram gives them: integers in the currency's smallest unit (cents), or whole
// Telegram Stars for "XTR".

/** "⭐ 25", or "10.00 USD" (the currency's own number of decimals, from Intl). */
export function formatAmount(currency, amount) {
  if (currency === 'XTR') return `⭐ ${amount}`;
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch { /* a currency Intl doesn't know: cents */ }
  return `${(amount / 10 ** digits).toFixed(digits)} ${currency}`;
}
