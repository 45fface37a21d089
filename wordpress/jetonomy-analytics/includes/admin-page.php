<?php
/**
 * The plugin's admin screen: Jetonomy → Analytics, the whole dashboard
 * (`<jt-analytics-dashboard>`) reading the plugin's REST API as the
 * signed-in user.
 *
 * The dashboard is the library's standalone ES module build, served from the
 * plugin's own `assets/dist/` folder (no outside requests); `assets/admin.js`
 * imports it and hands the element a `RestDataSource`. Core's
 * `wp-api-request` script puts the REST root and nonce on the page as
 * `wpApiSettings`.
 *
 * @package Jetonomy_Analytics
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** The admin page's slug: admin.php?page=jetonomy-analytics. */
const JETONOMY_ANALYTICS_ADMIN_PAGE = 'jetonomy-analytics';

/**
 * The capability that opens the screen: the plugin's own, which its
 * activation grants to administrators.
 *
 * @return string
 */
function jetonomy_analytics_admin_capability() {
	return function_exists( 'jetonomy_analytics_capability' ) ? jetonomy_analytics_capability() : 'jetonomy_view_analytics';
}

/**
 * The plugin's folder path and URL, both ending in a slash.
 *
 * @return array{0: string, 1: string}
 */
function jetonomy_analytics_admin_plugin_base() {
	$main_file = defined( 'JETONOMY_ANALYTICS_FILE' ) ? JETONOMY_ANALYTICS_FILE : dirname( __DIR__ ) . '/jetonomy-analytics.php';
	return array( plugin_dir_path( $main_file ), plugin_dir_url( $main_file ) );
}

/**
 * Adds the top-level "Jetonomy" menu with its "Analytics" screen.
 */
function jetonomy_analytics_admin_menu() {
	$capability = jetonomy_analytics_admin_capability();
	$hook       = add_menu_page(
		__( 'Community analytics', 'jetonomy-analytics' ),
		__( 'Jetonomy', 'jetonomy-analytics' ),
		$capability,
		JETONOMY_ANALYTICS_ADMIN_PAGE,
		'jetonomy_analytics_render_admin_page',
		'dashicons-chart-area',
		26
	);
	// The first submenu item repeats the parent's slug, so "Jetonomy" opens Analytics.
	add_submenu_page(
		JETONOMY_ANALYTICS_ADMIN_PAGE,
		__( 'Community analytics', 'jetonomy-analytics' ),
		__( 'Analytics', 'jetonomy-analytics' ),
		$capability,
		JETONOMY_ANALYTICS_ADMIN_PAGE,
		'jetonomy_analytics_render_admin_page'
	);
	if ( $hook ) {
		add_action( 'load-' . $hook, 'jetonomy_analytics_admin_load' );
	}
}
add_action( 'admin_menu', 'jetonomy_analytics_admin_menu' );

/**
 * On the analytics screen only: queue the dashboard's script and styles.
 */
function jetonomy_analytics_admin_load() {
	add_action( 'admin_enqueue_scripts', 'jetonomy_analytics_admin_enqueue' );
}

/**
 * Whether the standalone build is in the plugin (`npm run build:lib`, or
 * `npm run wordpress`, which copies it there).
 *
 * @return bool
 */
function jetonomy_analytics_admin_bundle_present() {
	list( $dir ) = jetonomy_analytics_admin_plugin_base();
	return is_readable( $dir . 'assets/dist/jetonomy-analytics.js' ) && is_readable( $dir . 'assets/admin.js' );
}

/**
 * Version string of a plugin file for cache busting: its modification time.
 *
 * @param string $relative Path inside the plugin folder.
 * @return string
 */
function jetonomy_analytics_admin_asset_version( $relative ) {
	list( $dir ) = jetonomy_analytics_admin_plugin_base();
	$mtime       = @filemtime( $dir . $relative ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- a missing file just gets no version.
	return $mtime ? (string) $mtime : null;
}

/**
 * Queues the admin stylesheet and, when the bundle is there, the module
 * that starts the dashboard (after `wp-api-request`, which prints
 * `wpApiSettings`).
 */
function jetonomy_analytics_admin_enqueue() {
	list( , $url ) = jetonomy_analytics_admin_plugin_base();
	wp_enqueue_style( 'jetonomy-analytics-admin', $url . 'assets/admin.css', array(), jetonomy_analytics_admin_asset_version( 'assets/admin.css' ) );
	if ( ! jetonomy_analytics_admin_bundle_present() ) {
		return;
	}
	// The bundle is a dependency of admin.js through its import; the version makes a rebuilt bundle count as new.
	wp_enqueue_script( 'jetonomy-analytics-admin', $url . 'assets/admin.js', array( 'wp-api-request' ), jetonomy_analytics_admin_asset_version( 'assets/dist/jetonomy-analytics.js' ), true );
}

/**
 * Prints the admin module as `type="module"` (WordPress 6.1 has no script
 * modules API).
 *
 * @param string $tag    The script tag.
 * @param string $handle The script's handle.
 * @return string
 */
function jetonomy_analytics_admin_module_tag( $tag, $handle ) {
	if ( 'jetonomy-analytics-admin' !== $handle ) {
		return $tag;
	}
	return (string) preg_replace( '/<script(?![^>]*\btype=)/', '<script type="module"', $tag, 1 );
}
add_filter( 'script_loader_tag', 'jetonomy_analytics_admin_module_tag', 10, 2 );

/**
 * The user's locale as a BCP 47 tag: `en_US` → `en-US`, `de_DE_formal` → `de-DE`.
 *
 * @return string
 */
function jetonomy_analytics_admin_locale() {
	$parts = explode( '_', get_user_locale() );
	$tag   = array( strtolower( $parts[0] ) );
	if ( isset( $parts[1] ) && preg_match( '/^([A-Za-z]{2}|\d{3})$/', $parts[1] ) ) {
		$tag[] = strtoupper( $parts[1] );
	}
	return implode( '-', $tag );
}

/**
 * Renders the screen.
 */
function jetonomy_analytics_render_admin_page() {
	if ( ! current_user_can( jetonomy_analytics_admin_capability() ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to view community analytics.', 'jetonomy-analytics' ), 403 );
	}
	echo '<div class="wrap jetonomy-analytics-wrap">';
	echo '<h1>' . esc_html__( 'Community analytics', 'jetonomy-analytics' ) . '</h1>';

	if ( ! jetonomy_analytics_admin_bundle_present() ) {
		echo '<div class="notice notice-error"><p>';
		printf(
			/* translators: 1: the missing folder, 2: the build command. */
			esc_html__( 'The dashboard is not built: %1$s is missing from the plugin. Run %2$s in the project folder (npm run wordpress copies the build into the plugin).', 'jetonomy-analytics' ),
			'<code>assets/dist/</code>',
			'<code>npm run build:lib</code>'
		);
		echo '</p></div></div>';
		return;
	}

	printf(
		'<jt-analytics-dashboard class="jetonomy-analytics-dashboard" range="30d" sync-url heading="%1$s" locale="%2$s" time-zone="%3$s" data-rest-nonce-url="%4$s"></jt-analytics-dashboard>',
		esc_attr__( 'Overview', 'jetonomy-analytics' ),
		esc_attr( jetonomy_analytics_admin_locale() ),
		esc_attr( wp_timezone_string() ),
		esc_url( admin_url( 'admin-ajax.php?action=rest-nonce' ) )
	);
	echo '<noscript><div class="notice notice-warning inline"><p>' . esc_html__( 'The analytics dashboard needs JavaScript.', 'jetonomy-analytics' ) . '</p></div></noscript>';
	echo '</div>';
}
