<?php
/**
 * Installs and configures the local WordPress of `npm run wordpress` from the
 * command line (there is no wp-cli here): `php setup.php install` runs
 * wp_install(), `php setup.php configure` sets the site's URL, permalinks,
 * time zone and application password and activates the plugin. The runner
 * passes its settings as JSON in JETONOMY_ANALYTICS_SETUP (and the settings
 * file in JETONOMY_ANALYTICS_WP_CONFIG) and reads one JSON line back.
 *
 * @package Jetonomy_Analytics
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

$jetonomy_analytics_mode = isset( $argv[1] ) ? $argv[1] : '';
$jetonomy_analytics_args = json_decode( (string) getenv( 'JETONOMY_ANALYTICS_SETUP' ), true );
if ( ! in_array( $jetonomy_analytics_mode, array( 'install', 'configure' ), true ) || ! is_array( $jetonomy_analytics_args ) ) {
	fwrite( STDERR, "usage: JETONOMY_ANALYTICS_SETUP='{…}' php setup.php install|configure\n" );
	exit( 2 );
}

/**
 * Prints the result line the runner reads and stops.
 *
 * @param array $result What to report.
 * @param int   $code   Exit status.
 */
function jetonomy_analytics_setup_done( array $result, $code = 0 ) {
	echo "\nJETONOMY_ANALYTICS_SETUP_RESULT " . wp_json_encode( $result ) . "\n";
	exit( $code );
}

// WordPress reads the request's host and port (Debian's wp-config.php picks its settings file by host).
$_SERVER['HTTP_HOST']      = '127.0.0.1:' . (int) $jetonomy_analytics_args['port'];
$_SERVER['SERVER_NAME']    = '127.0.0.1';
$_SERVER['SERVER_PORT']    = (string) (int) $jetonomy_analytics_args['port'];
$_SERVER['REQUEST_URI']    = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SCRIPT_NAME']    = '/index.php';
$_SERVER['PHP_SELF']       = '/index.php';

if ( 'install' === $jetonomy_analytics_mode ) {
	define( 'WP_INSTALLING', true );
}

require rtrim( $jetonomy_analytics_args['abspath'], '/' ) . '/wp-load.php';

if ( 'install' === $jetonomy_analytics_mode ) {
	/**
	 * No mail about the new site: there is no mail server, and nobody to tell.
	 */
	function wp_new_blog_notification() {}

	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	if ( is_blog_installed() ) {
		jetonomy_analytics_setup_done( array( 'installed' => false ) );
	}
	$jetonomy_analytics_result = wp_install(
		'Jetonomy community',
		$jetonomy_analytics_args['user'],
		$jetonomy_analytics_args['email'],
		false,
		'',
		$jetonomy_analytics_args['password']
	);
	jetonomy_analytics_setup_done(
		array(
			'installed' => true,
			'userId'    => (int) $jetonomy_analytics_result['user_id'],
		)
	);
}

require_once ABSPATH . 'wp-admin/includes/plugin.php';

$jetonomy_analytics_user = get_user_by( 'login', $jetonomy_analytics_args['user'] );
if ( ! $jetonomy_analytics_user ) {
	jetonomy_analytics_setup_done( array( 'error' => 'The administrator ' . $jetonomy_analytics_args['user'] . ' does not exist.' ), 1 );
}
wp_set_current_user( $jetonomy_analytics_user->ID );

update_option( 'siteurl', $jetonomy_analytics_args['url'] );
update_option( 'home', $jetonomy_analytics_args['url'] );
// Avatars would come from an outside service; the site makes no outside requests.
update_option( 'show_avatars', '0' );

global $wp_rewrite;
if ( '/%postname%/' !== get_option( 'permalink_structure' ) ) {
	$wp_rewrite->set_permalink_structure( '/%postname%/' );
}
flush_rewrite_rules( false );

// The site's time zone, stored as the General Settings screen stores it.
if ( isset( $jetonomy_analytics_args['timeZone'] ) && '' !== $jetonomy_analytics_args['timeZone'] ) {
	$jetonomy_analytics_zone = $jetonomy_analytics_args['timeZone'];
	if ( preg_match( '/^(?:UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/', $jetonomy_analytics_zone, $jetonomy_analytics_match ) ) {
		$jetonomy_analytics_minutes = (int) $jetonomy_analytics_match[2] * 60 + ( isset( $jetonomy_analytics_match[3] ) ? (int) $jetonomy_analytics_match[3] : 0 );
		if ( $jetonomy_analytics_minutes > 14 * 60 ) {
			jetonomy_analytics_setup_done( array( 'error' => 'The offset ' . $jetonomy_analytics_zone . ' is out of range (at most ±14:00).' ), 1 );
		}
		update_option( 'timezone_string', '' );
		update_option( 'gmt_offset', ( '-' === $jetonomy_analytics_match[1] ? -1 : 1 ) * $jetonomy_analytics_minutes / 60 );
	} elseif ( in_array( $jetonomy_analytics_zone, timezone_identifiers_list( DateTimeZone::ALL_WITH_BC ), true ) ) {
		update_option( 'timezone_string', $jetonomy_analytics_zone );
	} else {
		jetonomy_analytics_setup_done( array( 'error' => 'Unknown time zone ' . $jetonomy_analytics_zone . ': give an IANA name (Europe/Berlin) or an offset (+05:30).' ), 1 );
	}
}

$jetonomy_analytics_plugin = 'jetonomy-analytics/jetonomy-analytics.php';
$jetonomy_analytics_status = 'missing';
if ( file_exists( WP_PLUGIN_DIR . '/' . $jetonomy_analytics_plugin ) ) {
	$jetonomy_analytics_status = 'active';
	if ( ! is_plugin_active( $jetonomy_analytics_plugin ) ) {
		ob_start();
		$jetonomy_analytics_activated = activate_plugin( $jetonomy_analytics_plugin );
		$jetonomy_analytics_output    = trim( ob_get_clean() );
		if ( is_wp_error( $jetonomy_analytics_activated ) ) {
			jetonomy_analytics_setup_done( array( 'error' => 'Activating the plugin failed: ' . $jetonomy_analytics_activated->get_error_message() . ' ' . $jetonomy_analytics_output ), 1 );
		}
		$jetonomy_analytics_status = 'activated';
	}
}

// An application password for scripts (the community loader, tests); kept while it exists.
$jetonomy_analytics_app = null;
$jetonomy_analytics_old = isset( $jetonomy_analytics_args['appPasswordUuid'] ) ? $jetonomy_analytics_args['appPasswordUuid'] : '';
if ( '' === $jetonomy_analytics_old || ! WP_Application_Passwords::get_user_application_password( $jetonomy_analytics_user->ID, $jetonomy_analytics_old ) ) {
	$jetonomy_analytics_created = WP_Application_Passwords::create_new_application_password( $jetonomy_analytics_user->ID, array( 'name' => 'jetonomy-analytics dev runner ' . gmdate( 'Y-m-d H:i:s' ) ) );
	if ( is_wp_error( $jetonomy_analytics_created ) ) {
		jetonomy_analytics_setup_done( array( 'error' => 'Creating an application password failed: ' . $jetonomy_analytics_created->get_error_message() ), 1 );
	}
	$jetonomy_analytics_app = array(
		'password' => $jetonomy_analytics_created[0],
		'uuid'     => $jetonomy_analytics_created[1]['uuid'],
	);
}

jetonomy_analytics_setup_done(
	array(
		'plugin'      => $jetonomy_analytics_status,
		'appPassword' => $jetonomy_analytics_app,
		'timeZone'    => wp_timezone_string(),
		'wordpress'   => get_bloginfo( 'version' ),
		'canView'     => user_can( $jetonomy_analytics_user, 'jetonomy_view_analytics' ),
	)
);
